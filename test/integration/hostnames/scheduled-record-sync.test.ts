// The reconciler's scheduled record sync against the sandbox Route 53: zones never synced are due
// at once, a synced zone again only once the chosen interval has passed, and one pass syncs no
// more zones than the rate left to the sync allows in it (but always at least one).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { FAILED_SYNC_RETRY_MS, syncDueZones } from '@/server/hostnames/scheduled-record-sync';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { provisionOrg, type ProvisionedOrg } from '../clusters/cluster-removal-env';
import { startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('scheduled record sync', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  let orgs: ProvisionedOrg[];

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    store = await openSqliteTestStore();
    orgs = [];
    for (const slug of ['acme', 'globex', 'initech']) orgs.push(await provisionOrg(store, slug));
  }, 60_000);
  afterAll(async () => {
    await sandbox?.close();
    await store?.destroy();
  });

  const syncedAt = async (org: ProvisionedOrg) => {
    const z = store.t.hostedZones;
    const [zone] = await store.db.select().from(z).where(eq(z.awsZoneId, org.zoneId));
    return zone!.recordsSyncedAt;
  };

  it('syncs zones never synced, at most the pass’s share of calls, then waits out the interval', async () => {
    // A pass too short for more than one zone's calls: one zone a pass.
    const first = await syncDueZones(store, { passSeconds: 0.01 });
    expect(first.synced).toHaveLength(1);
    expect(first.schedule).toMatchObject({
      intervalSeconds: 60,
      callsPerSync: 3,
      saturated: false,
    });
    expect(first.description).toMatch(
      /^Record sync every 60 s: 3 zones need 3 ListResourceRecordSets calls/,
    );

    const rest = await syncDueZones(store, { passSeconds: 5 });
    expect([...first.synced, ...rest.synced].sort()).toEqual(orgs.map((o) => o.zoneId).sort());
    for (const org of orgs) expect(await syncedAt(org)).toBeInstanceOf(Date);

    expect((await syncDueZones(store, { passSeconds: 5 })).synced).toEqual([]);
    const later = new Date(Date.now() + 61_000);
    expect((await syncDueZones(store, { passSeconds: 5, now: later })).synced).toHaveLength(3);
  });

  it('reports a zone that fails and leaves it alone for a while, without holding up the others', async () => {
    const orgId = randomUUID();
    await store.db
      .insert(store.t.organizations)
      .values({ id: orgId, slug: 'gone', displayName: 'gone', status: 'ready' });
    await store.db.insert(store.t.hostedZones).values({
      id: randomUUID(),
      orgId,
      generation: 1,
      name: 'gone.zonekeeper.test',
      awsZoneId: 'ZNOSUCHZONE000',
      callerReference: 'test-gone',
      status: 'ready',
    });
    const at = Date.now() + 200_000;
    const failed = await syncDueZones(store, { passSeconds: 5, now: new Date(at) });
    expect(failed.failed).toEqual(['ZNOSUCHZONE000']);
    expect(failed.synced).toHaveLength(3);
    const soon = new Date(at + FAILED_SYNC_RETRY_MS - 1);
    expect((await syncDueZones(store, { passSeconds: 5, now: soon })).failed).toEqual([]);
    const later = new Date(at + FAILED_SYNC_RETRY_MS);
    expect((await syncDueZones(store, { passSeconds: 5, now: later })).failed).toEqual([
      'ZNOSUCHZONE000',
    ]);
  });
});
