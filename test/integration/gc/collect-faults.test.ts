// The executor under Route 53 faults, against the sandbox: Throttling is absorbed and the zone is
// collected; a failure that outlasts the retries marks the decision failed with its reason and
// an audit event, and once the fault clears the next pass collects the zone.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { runGcPass } from '@/server/gc/run-gc-pass';
import { createOrganization } from '@/server/orgs/create-organization';
import { whileHoldingLease } from '@/server/provisioning/leader-lease';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('collecting zones while Route 53 fails', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  const orgIds: Record<string, string> = {};
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    store = await openSqliteTestStore();
    for (const slug of ['throttled', 'failing']) {
      const org = await createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: slug, slug },
      );
      orgIds[slug] = org.id;
    }
    expect((await reconcilePass(store, SYSTEM_ACTOR)).results).toHaveLength(2);
    // Automatic mode, no grace: both idle young zones are due at once.
    await store.db
      .insert(store.t.settings)
      .values({ key: 'gc', value: { gracePeriodMs: 0, mode: 'automatic' } });
  });
  afterAll(async () => {
    await store?.destroy();
    await sandbox?.close();
  });

  // One replica throughout: the lease it takes stays its own between passes.
  const replica = `test-${randomUUID()}`;
  const pass = (orgId: string) =>
    whileHoldingLease(store, 'reconciler', replica, 15_000, (lease) =>
      runGcPass(store, SYSTEM_ACTOR, { lease, orgIds: [orgId] }),
    );
  const events = (slug: string, action: string) =>
    store.db
      .select()
      .from(store.t.auditEvents)
      .where(
        and(eq(store.t.auditEvents.orgId, orgIds[slug]!), eq(store.t.auditEvents.action, action)),
      );

  it('absorbs Throttling on every teardown call and collects the zone', async () => {
    for (const operation of [
      'ListResourceRecordSets',
      'ChangeResourceRecordSets',
      'DeleteHostedZone',
    ])
      sandbox.controls.route53.faults.set(operation, { failNext: 2, failNextKind: 'Throttling' });
    const report = await pass(orgIds.throttled!);
    sandbox.controls.route53.faults.clear();
    expect(report.collections.map((c) => c.outcome)).toEqual(['collected']);
    expect(await events('throttled', 'zone.deleted')).toHaveLength(1);
  });

  it('marks the decision failed when the fault outlasts the retries, and collects once it clears', async () => {
    sandbox.controls.route53.faults.set('DeleteHostedZone', {
      failNext: 1_000,
      failNextKind: 'InternalFailure',
    });
    const failed = await pass(orgIds.failing!);
    sandbox.controls.route53.faults.clear();
    expect(failed.collections).toHaveLength(1);
    expect(failed.collections[0]!.outcome).toBe('failed');
    const [decision] = await store.db
      .select()
      .from(store.t.gcDecisions)
      .where(eq(store.t.gcDecisions.orgId, orgIds.failing!));
    expect(decision!.status).toBe('failed');
    expect(decision!.lastError).toMatch(/InternalFailure|internal/i);
    expect(await events('failing', 'gc.collection_failed')).toHaveLength(1);
    expect(
      (
        await store.db
          .select()
          .from(store.t.hostedZones)
          .where(eq(store.t.hostedZones.orgId, orgIds.failing!))
      )[0]!.status,
    ).toBe('ready');

    const retried = await pass(orgIds.failing!);
    expect(retried.collections.map((c) => c.outcome)).toEqual(['collected']);
    expect(await events('failing', 'zone.deleted')).toHaveLength(1);
  });
});
