// Two executors that see the same due decision at once, on PostgreSQL (connections that really
// run side by side) and SQLite: one claims it and collects the zone, the other skips it, so
// DeleteHostedZone succeeds exactly once and the collection is audited once.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { collectDueZones } from '@/server/gc/collect-due-zones';
import { forceGcCollection } from '@/server/gc/force-gc-collection';
import { createOrganization } from '@/server/orgs/create-organization';
import { whileHoldingLease } from '@/server/provisioning/leader-lease';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { STORE_KINDS, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('a due decision is claimed once', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  for (const kind of STORE_KINDS) {
    describe.skipIf(!kind.available)(kind.name, () => {
      let store: TestStore;
      beforeAll(async () => {
        store = await kind.open();
      });
      afterAll(async () => {
        await store?.destroy();
      });

      it('two executors racing for it: one collects, the other skips', async () => {
        const slug = `race-${kind.name}`;
        const org = await createOrganization(
          { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
          { displayName: slug, slug },
        );
        expect((await reconcilePass(store, SYSTEM_ACTOR)).results).toEqual([
          { slug, outcome: 'ready' },
        ]);
        const decision = await forceGcCollection(store, SYSTEM_ACTOR, { orgSlug: slug });
        const results = await whileHoldingLease(
          store,
          'reconciler',
          `test-${randomUUID()}`,
          15_000,
          (lease) =>
            Promise.all([
              collectDueZones(store, SYSTEM_ACTOR, { lease }),
              collectDueZones(store, SYSTEM_ACTOR, { lease }),
            ]),
        );
        expect(results.flat().map((r) => r.outcome)).toEqual(['collected']);
        const a = store.t.auditEvents;
        const events = (action: string) =>
          store.db
            .select()
            .from(a)
            .where(and(eq(a.orgId, org.id), eq(a.action, action)));
        expect(await events('zone.deleted')).toHaveLength(1);
        expect(await events('gc.collection_started')).toHaveLength(1);
        expect(await events('gc.zone_collected')).toHaveLength(1);
        const [row] = await store.db
          .select()
          .from(store.t.gcDecisions)
          .where(eq(store.t.gcDecisions.id, decision.id));
        expect(row!.status).toBe('done');
      });
    });
  }
});
