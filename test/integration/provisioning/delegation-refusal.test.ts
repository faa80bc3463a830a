// One delegation Route 53 refuses (a CNAME someone left in the parent zone at an org's name) must
// not fail the others that travel in the same change batch: the batcher finds the change at fault,
// every other delegation is made, and only that one fails, with Route 53's reason for it.
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { changeRecordSets, getRecordSet } from '@/server/cloud/route53';
import { createOrganization } from '@/server/orgs/create-organization';
import { DelegationBatcher } from '@/server/provisioning/delegation-batcher';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';

const NAME_SERVERS = ['ns-1.awsdns-01.org.', 'ns-2.awsdns-02.co.uk.', 'ns-3.awsdns-03.com.'];

/** A CNAME at `<label>.<base>` in the parent zone: no NS record may share its name. */
async function leaveCnameInParent(parentZoneId: string, label: string): Promise<void> {
  const cname: ResourceRecordSet = {
    Name: `${label}.${BASE_DOMAIN}.`,
    Type: 'CNAME',
    TTL: 300,
    ResourceRecords: [{ Value: 'legacy-site.example.net.' }],
  };
  await changeRecordSets(
    parentZoneId,
    [{ Action: 'CREATE', ResourceRecordSet: cname }],
    'test: a record left behind',
  );
}

describe('a delegation Route 53 refuses, in a batch with others', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    store = await openSqliteTestStore();
  });
  afterAll(async () => {
    await store?.destroy();
    await sandbox?.close();
  });

  it('makes every other delegation of the batch and fails the one at fault with its reason', async () => {
    const parentZoneId = sandbox.parentZone.id;
    await leaveCnameInParent(parentZoneId, 'taken');
    const batcher = new DelegationBatcher(async () => parentZoneId);
    // 30 organizations' delegations; the 18th is the one Route 53 refuses.
    const labels = Array.from({ length: 30 }, (_, i) => (i === 17 ? 'taken' : `d${i + 1}`));
    sandbox.controls.route53.stats.reset();
    // Enqueued in one tick: they gather into a single change batch.
    const outcomes = await Promise.allSettled(
      labels.map((label) => batcher.upsert(`${label}.${BASE_DOMAIN}`, NAME_SERVERS)),
    );

    const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [labels[i]] : []));
    expect(refused).toEqual(['taken']);
    const reason = (outcomes[17] as PromiseRejectedResult).reason as Error;
    expect(reason.message).toMatch(/InvalidChangeBatch/);
    expect(reason.message).toMatch(/taken\.zonekeeper\.test/);
    expect(reason.message).toMatch(/CNAME/);
    for (const label of labels.filter((l) => l !== 'taken')) {
      const ns = await getRecordSet(parentZoneId, `${label}.${BASE_DOMAIN}`, 'NS');
      expect(ns?.ResourceRecords?.map((r) => r.Value).sort()).toEqual([...NAME_SERVERS].sort());
    }
    expect(await getRecordSet(parentZoneId, `taken.${BASE_DOMAIN}`, 'NS')).toBeNull();

    // Halving finds one bad change among 30 in a few calls: the refused batch, then at most two
    // per level of halving (5 levels), not one call per change.
    const stats = sandbox.controls.route53.stats.snapshot().operations.ChangeResourceRecordSets!;
    const answered = stats.calls - stats.throttled - stats.priorRequestNotComplete;
    expect(answered).toBeLessThanOrEqual(1 + 2 * 5);
  });

  it('lets every other org of a reconciler pass become ready; the one at fault fails its delegation step', async () => {
    await leaveCnameInParent(sandbox.parentZone.id, 'blocked');
    const slugs = ['north', 'blocked', 'south', 'east', 'west'];
    for (const slug of slugs) {
      await createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: slug },
      );
    }
    const pass = await reconcilePass(store, SYSTEM_ACTOR);
    const outcomes = Object.fromEntries(pass.results.map((r) => [r.slug, r.outcome]));
    expect(outcomes).toEqual({
      north: 'ready',
      blocked: 'failed',
      south: 'ready',
      east: 'ready',
      west: 'ready',
    });

    const [blocked] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, 'blocked'));
    const [step] = await store.db
      .select()
      .from(store.t.provisioningSteps)
      .where(
        and(
          eq(store.t.provisioningSteps.orgId, blocked!.id),
          eq(store.t.provisioningSteps.step, 'delegation'),
        ),
      );
    expect(step?.status).toBe('failed');
    expect(step?.lastError).toMatch(
      /blocked\.zonekeeper\.test.*CNAME|CNAME.*blocked\.zonekeeper\.test/,
    );
    const others = await store.db.select().from(store.t.provisioningSteps);
    const failedElsewhere = others.filter((s) => s.status === 'failed' && s.orgId !== blocked!.id);
    expect(failedElsewhere).toEqual([]);
  });
});
