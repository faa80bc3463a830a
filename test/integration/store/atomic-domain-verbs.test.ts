// A domain verb that writes several rows keeps none of them when a later write fails, on both
// stores; asked again once the fault is gone, it completes. The fault is real: the database
// itself refuses the write (test/support/failing-writes.ts).
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@/db/rows';
import type { Actor } from '@/server/auth/actor';
import { requestKeyRotation } from '@/server/credentials/request-key-rotation';
import { inviteMember } from '@/server/memberships/invite-member';
import { createOrganization } from '@/server/orgs/create-organization';
import { failWrites, isInjectedFailure } from '../../support/failing-writes';
import { STORE_KINDS, type TestStore } from '../../support/stores';

const operator: Actor = { type: 'cli', label: 'cli:test' };

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`domain verbs are atomic (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
    });
    afterAll(async () => {
      await store?.destroy();
    });

    const createOrg = (slug: string) =>
      createOrganization(
        { store, actor: operator, baseDomain: 'zonekeeper.test' },
        {
          displayName: slug,
          slug,
        },
      );
    const auditOf = (orgId: string, action: string) =>
      store.db
        .select()
        .from(store.t.auditEvents)
        .where(and(eq(store.t.auditEvents.orgId, orgId), eq(store.t.auditEvents.action, action)));

    /** An org whose provisioning finished: a verified key and a ready access-key step. */
    async function readyOrg(slug: string): Promise<Organization> {
      const org = await createOrg(slug);
      await store.db
        .update(store.t.organizations)
        .set({ status: 'ready' })
        .where(eq(store.t.organizations.id, org.id));
      await store.db.insert(store.t.iamCredentials).values({
        id: randomUUID(),
        orgId: org.id,
        iamUserName: `zonekeeper-test-${slug}`,
        policyName: `zonekeeper-test-${slug}`,
        accessKeyId: 'AKIAEXAMPLEREADY0001',
        vaultPath: `zonekeeper/orgs/${slug}/route53`,
        vaultVersion: 1,
        status: 'ready',
      });
      await store.db.insert(store.t.provisioningSteps).values({
        id: randomUUID(),
        orgId: org.id,
        step: 'access-key',
        status: 'ready',
        attempts: 1,
      });
      return { ...org, status: 'ready' };
    }

    async function rotationState(orgId: string) {
      const [credential] = await store.db
        .select()
        .from(store.t.iamCredentials)
        .where(eq(store.t.iamCredentials.orgId, orgId));
      const [step] = await store.db
        .select()
        .from(store.t.provisioningSteps)
        .where(eq(store.t.provisioningSteps.orgId, orgId));
      const [org] = await store.db
        .select()
        .from(store.t.organizations)
        .where(eq(store.t.organizations.id, orgId));
      return { credential: credential?.status, step: step?.status, org: org?.status };
    }

    it('key rotation: a failed second write leaves the key ready, and asking again rotates', async () => {
      const org = await readyOrg('rotation-fault');
      const restore = await failWrites(store, 'provisioning_steps', 'update');
      try {
        await expect(requestKeyRotation({ store, actor: operator }, org)).rejects.toSatisfy(
          isInjectedFailure,
        );
      } finally {
        await restore();
      }
      // Not stuck half-way: the key is not "rotating" while the org and the step say "ready".
      expect(await rotationState(org.id)).toEqual({
        credential: 'ready',
        step: 'ready',
        org: 'ready',
      });
      expect(await auditOf(org.id, 'access_key.rotation_requested')).toHaveLength(0);

      await requestKeyRotation({ store, actor: operator }, org);
      expect(await rotationState(org.id)).toEqual({
        credential: 'rotating',
        step: 'pending',
        org: 'provisioning',
      });
      expect(await auditOf(org.id, 'access_key.rotation_requested')).toHaveLength(1);
    });

    it('two rotation requests at once start one rotation', async () => {
      const org = await readyOrg('rotation-twice');
      await Promise.all([
        requestKeyRotation({ store, actor: operator }, org),
        requestKeyRotation({ store, actor: operator }, org),
      ]);
      expect((await rotationState(org.id)).credential).toBe('rotating');
      expect(await auditOf(org.id, 'access_key.rotation_requested')).toHaveLength(1);
    });

    it('organization: a failed audit write creates no organization, and the slug stays free', async () => {
      const restore = await failWrites(store, 'audit_events', 'insert');
      try {
        await expect(createOrg('audit-fault')).rejects.toSatisfy(isInjectedFailure);
      } finally {
        await restore();
      }
      const rows = await store.db
        .select()
        .from(store.t.organizations)
        .where(eq(store.t.organizations.slug, 'audit-fault'));
      expect(rows).toHaveLength(0);
      const created = await createOrg('audit-fault');
      expect(await auditOf(created.id, 'org.created')).toHaveLength(1);
    });

    it('invitation: a failed insert keeps the accepted record it was to replace', async () => {
      const org = await createOrg('invite-fault');
      const inOrg = { store, actor: operator, org };
      const first = await inviteMember(inOrg, { email: 'ivy@platform.test', role: 'viewer' });
      await store.db
        .update(store.t.invitations)
        .set({ acceptedAt: new Date('2026-11-01T00:00:00Z') })
        .where(eq(store.t.invitations.id, first.id));

      const restore = await failWrites(store, 'invitations', 'insert');
      try {
        await expect(
          inviteMember(inOrg, { email: 'ivy@platform.test', role: 'admin' }),
        ).rejects.toSatisfy(isInjectedFailure);
      } finally {
        await restore();
      }
      const kept = await store.db
        .select()
        .from(store.t.invitations)
        .where(eq(store.t.invitations.orgId, org.id));
      expect(kept.map((row) => row.id)).toEqual([first.id]);

      const again = await inviteMember(inOrg, { email: 'ivy@platform.test', role: 'admin' });
      expect(again.role).toBe('admin');
    });
  });
}
