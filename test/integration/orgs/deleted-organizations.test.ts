// What stays of a deleted organization, on both stores: its slug (with a message that says whose
// it was), its row for operators' lists and its read-only page, and nothing for anyone else.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import type { Caller } from '@/server/auth/caller';
import { DomainError } from '@/server/errors/domain-error';
import { inviteMember } from '@/server/memberships/invite-member';
import { createOrganization } from '@/server/orgs/create-organization';
import { requestOrganizationDeletion } from '@/server/orgs/delete-organization';
import { getDeletedOrganization } from '@/server/orgs/get-deleted-organization';
import { listOrganizations } from '@/server/orgs/list-organizations';
import { STORE_KINDS, type TestStore } from '../../support/stores';

const actor: Actor = { type: 'user', id: 'u-op', label: 'pat@platform.test' };
const BASE = 'zonekeeper.test';

const operator: Caller = {
  userId: 'u-op',
  email: 'pat@platform.test',
  name: 'Pat',
  isPlatformOperator: true,
  memberships: new Map(),
};

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`deleted organizations (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
    });
    afterAll(async () => {
      await store?.destroy();
    });

    const create = (displayName: string, slug: string) =>
      createOrganization({ store, actor, baseDomain: BASE }, { displayName, slug });
    const refusal = async (work: Promise<unknown>) => {
      const error = await work.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      return error as DomainError;
    };
    // What the reconciler records once the teardown is done.
    const finishTeardown = (orgId: string, at: Date) =>
      store.db
        .update(store.t.organizations)
        .set({ status: 'deleted', deletedAt: at })
        .where(eq(store.t.organizations.id, orgId));

    it('says a slug belongs to an org being deleted, then to one deleted at a time', async () => {
      const org = await create('Umbrella', 'umbrella');
      await requestOrganizationDeletion(
        { store, actor },
        { slug: 'umbrella', confirm: 'umbrella' },
      );
      const whileDeleting = await refusal(create('Umbrella Two', 'umbrella'));
      expect(whileDeleting.fields?.slug?.[0]).toMatch(
        /"umbrella" belongs to Umbrella, which is being deleted\. A deleted organization keeps its slug/,
      );

      await finishTeardown(org.id, new Date('2026-12-01T17:54:00Z'));
      const afterwards = await refusal(create('Umbrella Two', 'umbrella'));
      expect(afterwards.fields?.slug?.[0]).toMatch(
        /"umbrella" belonged to Umbrella, deleted 2026-12-01 17:54 UTC\. A deleted organization keeps its slug/,
      );
    });

    it('lists deleted orgs for operators on request only, and never for members', async () => {
      const org = await create('Soylent', 'soylent');
      await requestOrganizationDeletion({ store, actor }, { slug: 'soylent', confirm: 'soylent' });
      await finishTeardown(org.id, new Date());
      const member: Caller = {
        ...operator,
        userId: 'u-m',
        isPlatformOperator: false,
        memberships: new Map([[org.id, 'admin']]),
      };
      const slugs = async (caller: Caller, includeDeleted: boolean) =>
        (await listOrganizations(store, caller, { includeDeleted })).map((o) => o.slug);

      expect(await slugs(operator, false)).not.toContain('soylent');
      expect(await slugs(operator, true)).toContain('soylent');
      expect(await slugs(member, true)).not.toContain('soylent');
      expect((await getDeletedOrganization(store, operator, 'soylent'))?.id).toBe(org.id);
      expect(await getDeletedOrganization(store, member, 'soylent')).toBeNull();
      // A live org is no deleted org.
      await create('Tyrell', 'tyrell');
      expect(await getDeletedOrganization(store, operator, 'tyrell')).toBeNull();
    });

    it('bounds display names, slugs and invited emails, saying by how much', async () => {
      const longName = await refusal(create('n'.repeat(101), 'long-name'));
      expect(longName.fields?.displayName?.[0]).toMatch(/at most 100 characters; this one has 101/);
      const longSlug = await refusal(create('Long slug', 's'.repeat(300)));
      expect(longSlug.fields?.slug?.[0]).toMatch(/at most 63 characters.*this one has 300/);
      const punycode = await refusal(create('Café', 'xn--caf-dma'));
      expect(punycode.fields?.slug?.[0]).toMatch(/cannot start with "xn--"/);

      const org = await create('Cyberdyne', 'cyberdyne');
      const email = `${'e'.repeat(250)}@x.io`;
      const longEmail = await refusal(
        inviteMember({ store, actor, org }, { email, role: 'viewer' }),
      );
      expect(longEmail.fields?.email?.[0]).toMatch(/at most 254 characters; this one has 255/);
      expect(await store.db.select().from(store.t.invitations)).toEqual([]);
    });
  });
}
