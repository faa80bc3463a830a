// Creating organizations through the domain function, on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import { DomainError } from '@/server/errors/domain-error';
import { createOrganization } from '@/server/orgs/create-organization';
import { listOrganizations } from '@/server/orgs/list-organizations';
import { STORE_KINDS, type TestStore } from '../../support/stores';

const actor: Actor = { type: 'user', id: 'u-1', label: 'ada@example.com' };
const LONG_BASE = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example.com`; // 194 chars

const BAD_INPUTS: {
  name: string;
  input: { displayName: string; slug?: string };
  field: string;
  says: RegExp;
  baseDomain?: string;
}[] = [
  {
    name: 'capitals',
    input: { displayName: 'Acme', slug: 'Acme' },
    field: 'slug',
    says: /lower-case.*"acme"/,
  },
  {
    name: 'spaces',
    input: { displayName: 'Acme', slug: 'acme corp' },
    field: 'slug',
    says: /Spaces.*"acme-corp"/,
  },
  {
    name: 'underscores',
    input: { displayName: 'Acme', slug: 'acme_corp' },
    field: 'slug',
    says: /Underscores.*"acme-corp"/,
  },
  {
    name: 'unicode',
    input: { displayName: 'Café', slug: 'café' },
    field: 'slug',
    says: /"é" cannot appear/,
  },
  {
    name: '64 characters',
    input: { displayName: 'Long', slug: 'a'.repeat(64) },
    field: 'slug',
    says: /at most 63.*has 64/,
  },
  {
    name: 'leading hyphen',
    input: { displayName: 'Acme', slug: '-acme' },
    field: 'slug',
    says: /hyphen/,
  },
  {
    name: 'trailing hyphen',
    input: { displayName: 'Acme', slug: 'acme-' },
    field: 'slug',
    says: /hyphen/,
  },
  {
    name: 'empty display name',
    input: { displayName: '  ', slug: 'acme' },
    field: 'displayName',
    says: /Enter a display name/,
  },
  {
    name: 'display name that does not normalize',
    input: { displayName: 'Zürich AG' },
    field: 'displayName',
    says: /"ü" cannot appear.*type a slug/,
  },
  {
    name: 'zone name over 253 characters',
    input: { displayName: 'Long', slug: 'a'.repeat(60) },
    field: 'slug',
    says: /255 characters long and DNS allows 253/,
    baseDomain: LONG_BASE,
  },
];

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`createOrganization (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
    });
    afterAll(async () => {
      await store?.destroy();
    });

    const create = (
      input: { displayName: string; slug?: string },
      baseDomain = 'zonekeeper.test',
    ) => createOrganization({ store, actor, baseDomain }, input);

    it('creates a pending organization and audits it', async () => {
      const org = await create({ displayName: 'Acme Corp', slug: 'acme' });
      expect(org).toMatchObject({ slug: 'acme', displayName: 'Acme Corp', status: 'pending' });
      const events = await store.db.select().from(store.t.auditEvents);
      expect(events).toContainEqual(
        expect.objectContaining({
          action: 'org.created',
          orgId: org.id,
          actorLabel: 'ada@example.com',
          outcome: 'success',
        }),
      );
    });

    it('derives the slug from a display name that normalizes cleanly', async () => {
      const org = await create({ displayName: '  Globex Corporation ' });
      expect(org.slug).toBe('globex-corporation');
    });

    it.each(BAD_INPUTS)(
      'refuses $name with a message on $field and creates nothing',
      async (bad) => {
        const before = await listOrganizations(store);
        const error = await create(bad.input, bad.baseDomain).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DomainError);
        const fields = (error as DomainError).fields ?? {};
        expect(fields[bad.field]?.join(' ')).toMatch(bad.says);
        expect(await listOrganizations(store)).toEqual(before);
      },
    );

    it('refuses a duplicate slug, saying it is taken, and keeps the first', async () => {
      await create({ displayName: 'Initech', slug: 'initech' });
      const error = (await create({ displayName: 'Initech Two', slug: 'initech' }).catch(
        (e: unknown) => e,
      )) as DomainError;
      expect(error.code).toBe('conflict');
      expect(error.fields?.slug?.[0]).toMatch(/"initech" is already taken/);
      const initechs = (await listOrganizations(store)).filter((o) => o.slug === 'initech');
      expect(initechs).toHaveLength(1);
      expect(initechs[0]!.displayName).toBe('Initech');
    });

    it('lets only one of two simultaneous creations of one slug win', async () => {
      const results = await Promise.allSettled([
        create({ displayName: 'Race A', slug: 'race' }),
        create({ displayName: 'Race B', slug: 'race' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((rejected.reason as DomainError).code).toBe('conflict');
    });
  });
}
