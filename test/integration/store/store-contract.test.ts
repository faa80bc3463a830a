// One contract, two stores: the same assertions run on SQLite and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@/db/open-store';
import { isUniqueViolation } from '@/db/unique-violation';
import {
  STORE_KINDS,
  createPostgresTestDatabase,
  postgresAvailable,
  type TestStore,
} from '../../support/stores';

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`store contract (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
    });
    afterAll(async () => {
      await store?.destroy();
    });

    const newOrg = (slug: string) => ({ id: randomUUID(), slug, displayName: slug.toUpperCase() });

    it('creates every table through the committed migrations', async () => {
      for (const table of Object.values(store.t)) {
        await expect(store.db.select().from(table).limit(1)).resolves.toBeInstanceOf(Array);
      }
    });

    it('fills an organization with its defaults and real Date timestamps', async () => {
      const before = Date.now();
      const [org] = await store.db
        .insert(store.t.organizations)
        .values(newOrg('defaults'))
        .returning();
      expect(org).toMatchObject({
        status: 'pending',
        desiredState: 'present',
        generation: 1,
        gcPinned: false,
      });
      expect(org!.createdAt).toBeInstanceOf(Date);
      expect(org!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(org!.deletedAt).toBeNull();
    });

    it('keeps instants exact to the millisecond across month ends, in UTC', async () => {
      const lastMoment = new Date('2026-11-30T23:59:59.999Z');
      const org = newOrg('instant');
      await store.db.insert(store.t.organizations).values({ ...org, deletedAt: lastMoment });
      const [row] = await store.db
        .select()
        .from(store.t.organizations)
        .where(eq(store.t.organizations.id, org.id));
      expect(row!.deletedAt!.toISOString()).toBe('2026-11-30T23:59:59.999Z');
    });

    it('refuses a second organization with the same slug', async () => {
      await store.db.insert(store.t.organizations).values(newOrg('unique-slug'));
      const duplicate = store.db.insert(store.t.organizations).values(newOrg('unique-slug'));
      const error = await duplicate.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(error)).toBe(true);
    });

    it('round-trips JSON arrays, booleans and nullable columns', async () => {
      const org = newOrg('json');
      await store.db.insert(store.t.organizations).values({ ...org, gcPinned: true });
      const zone = {
        id: randomUUID(),
        orgId: org.id,
        generation: 1,
        name: 'json.zonekeeper.test',
        callerReference: `zk-${org.id}-1`,
        nameServers: ['ns-1.awsdns-01.com', 'ns-2.awsdns-02.net'],
      };
      await store.db.insert(store.t.hostedZones).values(zone);
      const [row] = await store.db
        .select()
        .from(store.t.hostedZones)
        .where(eq(store.t.hostedZones.id, zone.id));
      expect(row).toMatchObject({
        nameServers: zone.nameServers,
        delegationState: 'unknown',
        awsZoneId: null,
        recordCount: 0,
      });
      const [pinned] = await store.db
        .select({ gcPinned: store.t.organizations.gcPinned })
        .from(store.t.organizations)
        .where(eq(store.t.organizations.id, org.id));
      expect(pinned!.gcPinned).toBe(true);
    });

    it('moves updatedAt forward on update', async () => {
      const org = newOrg('updated');
      const [created] = await store.db.insert(store.t.organizations).values(org).returning();
      await new Promise((r) => setTimeout(r, 5));
      const [updated] = await store.db
        .update(store.t.organizations)
        .set({ status: 'ready' })
        .where(eq(store.t.organizations.id, org.id))
        .returning();
      expect(updated!.status).toBe('ready');
      expect(updated!.updatedAt.getTime()).toBeGreaterThan(created!.updatedAt.getTime());
    });

    it('removes an organization’s rows with it, but keeps its audit trail', async () => {
      const org = newOrg('cascade');
      const userId = randomUUID();
      await store.db.insert(store.t.organizations).values(org);
      await store.db.insert(store.t.users).values({ id: userId, email: `${userId}@example.com` });
      await store.db
        .insert(store.t.memberships)
        .values({ id: randomUUID(), userId, orgId: org.id, role: 'admin', source: 'invitation' });
      await store.db.insert(store.t.auditEvents).values({
        id: randomUUID(),
        actorType: 'system',
        actorLabel: 'test',
        orgId: org.id,
        action: 'org.created',
        target: org.slug,
        outcome: 'success',
        detail: { note: 'kept' },
      });
      await store.db.delete(store.t.organizations).where(eq(store.t.organizations.id, org.id));
      const members = await store.db
        .select()
        .from(store.t.memberships)
        .where(eq(store.t.memberships.orgId, org.id));
      const audit = await store.db
        .select()
        .from(store.t.auditEvents)
        .where(eq(store.t.auditEvents.orgId, org.id));
      expect(members).toHaveLength(0);
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toEqual({ note: 'kept' });
    });

    it('refuses a second membership of one person in one organization', async () => {
      const org = newOrg('member-once');
      const userId = randomUUID();
      await store.db.insert(store.t.organizations).values(org);
      await store.db.insert(store.t.users).values({ id: userId, email: `${userId}@example.com` });
      const membership = {
        userId,
        orgId: org.id,
        role: 'viewer' as const,
        source: 'org-idp' as const,
      };
      await store.db.insert(store.t.memberships).values({ id: randomUUID(), ...membership });
      const error = await store.db
        .insert(store.t.memberships)
        .values({ id: randomUUID(), ...membership })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(isUniqueViolation(error)).toBe(true);
    });
  });
}

describe.skipIf(!postgresAvailable)('PostgreSQL migrations with several replicas', () => {
  it('lets replicas that start together migrate once, without error', async () => {
    const database = await createPostgresTestDatabase();
    try {
      const replicas = await Promise.all(
        [1, 2, 3].map(() => openStore({ dialect: 'postgres', url: database.url })),
      );
      const [first] = replicas;
      await expect(first!.db.select().from(first!.t.organizations)).resolves.toEqual([]);
      await Promise.all(replicas.map((r) => r.close()));
    } finally {
      await database.drop();
    }
  });
});
