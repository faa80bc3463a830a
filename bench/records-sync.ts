// Benchmark of the record sync and of a removed cluster's record cleanup against the sandbox
// Route 53 with its AWS-like throttling (account bucket 50 / 10 per second) and Zonekeeper's own
// budget (8 per second, burst 40), counting calls with the sandbox's call stats:
//   1. one 10,000-record zone synced: ListResourceRecordSets calls (300 record sets a call: 34);
//   2. N zones (default 1,000) synced one after the other: wall time over the floor the budget
//      implies for the calls made, (calls - burst) / rate (goal <= 1.3);
//   3. a deleted cluster that owned 2,000 records (1,000 CNAMEs and their TXT registry records):
//      batches and calls made, against the lower bound of Route 53's per-request limits.
//   npm run bench:records -- [--zones 1000]
// (tsx --conditions=react-server: the server modules it drives import 'server-only')
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { normalizeDnsName } from '@/sandbox/route53/dns-names';
import type { HostedZone as SandboxZone } from '@/sandbox/route53/zone-store';
import { startSandbox } from '@/sandbox/start-sandbox';

const { values } = parseArgs({ options: { zones: { type: 'string' } } });
const ZONES = Number(values.zones ?? 1_000);
const BASE_DOMAIN = 'bench.zonekeeper.test';
const RATE = 8;
const BURST = 40;

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    baseDomain: BASE_DOMAIN,
    pendingMs: 100,
    maxHostedZones: ZONES + 10,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bench-records-'));
  Object.assign(process.env, sandbox.env, {
    ZK_BASE_DOMAIN: BASE_DOMAIN,
    DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
    ZK_ROUTE53_REQUESTS_PER_SECOND: String(RATE),
    ZK_ROUTE53_BURST: String(BURST),
  });
  // Imported after the environment is set: the configuration is read once.
  const { getStore } = await import('@/server/store');
  const { syncZoneRecords } = await import('@/server/hostnames/sync-zone-records');
  const { syncOrgRecords } = await import('@/server/hostnames/sync-org-records');
  const { deleteClusterRecords } = await import('@/server/clusters/delete-cluster-records');
  const { changeCost } = await import('@/server/route53-changes/change-batch-cost');
  const store = await getStore();
  const stats = sandbox.controls.route53.stats;
  const calls = (operation: string) => stats.snapshot().operations[operation]?.calls ?? 0;
  const refill = () => new Promise((resolve) => setTimeout(resolve, (BURST / RATE) * 1000 + 500));

  // Zones are made in the sandbox's store directly (CreateHostedZone is limited to 2 per second
  // and is not what is measured), with a matching org and zone row in ours.
  async function zoneWith(
    slug: string,
    records: (zoneName: string) => { name: string; type: string; values: string[] }[],
  ) {
    const zoneName = `${slug}.${BASE_DOMAIN}`;
    const { zone } = sandbox.route53.store.createZone(normalizeDnsName(zoneName)!, randomUUID());
    for (const record of records(zoneName)) putRecord(zone, record);
    const orgId = randomUUID();
    await store.db
      .insert(store.t.organizations)
      .values({ id: orgId, slug, displayName: slug, status: 'ready' });
    const [row] = await store.db
      .insert(store.t.hostedZones)
      .values({
        id: randomUUID(),
        orgId,
        generation: 1,
        name: zoneName,
        awsZoneId: zone.id,
        callerReference: `bench-${slug}`,
        status: 'ready',
      })
      .returning();
    return { orgId, zone: row!, zoneName };
  }
  const putRecord = (zone: SandboxZone, r: { name: string; type: string; values: string[] }) =>
    sandbox.route53.store.putRecord(zone, {
      name: normalizeDnsName(r.name)!,
      type: r.type,
      ttl: 300,
      values: r.values,
    });

  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  say(
    `records-sync benchmark, ${new Date().toISOString()}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  );

  // 1. A 10,000-record zone (SOA and NS included).
  const big = await zoneWith('big', (zoneName) =>
    Array.from({ length: 9_998 }, (_, i) => ({
      name: `host-${i}.${zoneName}`,
      type: 'A',
      values: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
    })),
  );
  let before = calls('ListResourceRecordSets');
  let started = performance.now();
  const bigSync = await syncZoneRecords(store, big.zone);
  say(
    `1. 10,000-record zone: ${bigSync.listed} record sets in ${calls('ListResourceRecordSets') - before} ListResourceRecordSets calls (sync reports ${bigSync.listCalls}), ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );

  // 2. ZONES zones of 20 record sets each, one call each.
  const orgIds: string[] = [];
  for (let i = 0; i < ZONES; i += 1) {
    const made = await zoneWith(`org-${String(i).padStart(4, '0')}`, (zoneName) =>
      Array.from({ length: 18 }, (_, j) => ({
        name: `svc-${j}.${zoneName}`,
        type: 'A',
        values: ['192.0.2.1'],
      })),
    );
    orgIds.push(made.orgId);
  }
  await refill();
  const throttledBefore = stats.snapshot().totals.throttled;
  before = calls('ListResourceRecordSets');
  started = performance.now();
  const results = await syncOrgRecords(store, orgIds);
  const wall = (performance.now() - started) / 1000;
  const made = calls('ListResourceRecordSets') - before;
  const floor = Math.max(0, made - BURST) / RATE;
  const failed = results.filter((r) => r.error).length;
  say(
    `2. ${ZONES} zones: ${made} ListResourceRecordSets calls in ${wall.toFixed(1)} s; floor (${made} - ${BURST} burst) / ${RATE}/s = ${floor.toFixed(1)} s; ratio ${(wall / floor).toFixed(3)} (goal <= 1.3); ${failed} zones failed; ${stats.snapshot().totals.throttled - throttledBefore} calls throttled by the sandbox`,
  );

  // 3. A deleted cluster that owned 1,000 CNAMEs with their TXT registry records.
  const uid = `zkc-${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const owned = await zoneWith('cleanup', (zoneName) =>
    Array.from({ length: 1_000 }, (_, i) => [
      {
        name: `svc-${i}.${zoneName}`,
        type: 'CNAME',
        values: [`a${randomUUID().replaceAll('-', '')}-${i}.us-east-1.elb.amazonaws.com`],
      },
      {
        name: `cname-svc-${i}.${zoneName}`,
        type: 'TXT',
        values: [
          `"heritage=external-dns,external-dns/owner=${uid},external-dns/resource=service/default/svc-${i}"`,
        ],
      },
    ]).flat(),
  );
  const clusterId = randomUUID();
  await store.db.insert(store.t.clusters).values({
    id: clusterId,
    orgId: owned.orgId,
    name: 'gone',
    uid,
    status: 'deleted',
    deletedAt: new Date(),
    removalState: 'deleting-records',
  });
  const sandboxZone = sandbox.route53.store.zones.get(owned.zone.awsZoneId!)!;
  const setsBefore = [...sandboxZone.recordsByKey.values()]
    .map((r) => r.set)
    .filter((s) => s.type !== 'SOA' && s.type !== 'NS');
  const valueChars = setsBefore.reduce(
    (sum, set) =>
      sum +
      changeCost({
        Action: 'DELETE',
        ResourceRecordSet: {
          Name: set.name,
          Type: set.type as never,
          ResourceRecords: set.values.map((Value) => ({ Value })),
        },
      }).characters,
    0,
  );
  await refill();
  const listBefore = calls('ListResourceRecordSets');
  const changeBefore = calls('ChangeResourceRecordSets');
  started = performance.now();
  const [cluster] = await store.db
    .select()
    .from(store.t.clusters)
    .where(eq(store.t.clusters.id, clusterId));
  const progress = await deleteClusterRecords(store, cluster!);
  const cleanupSeconds = (performance.now() - started) / 1000;
  const left = [...sandboxZone.recordsByKey.values()].filter(
    (r) => r.set.type !== 'SOA' && r.set.type !== 'NS',
  ).length;
  const listCalls = calls('ListResourceRecordSets') - listBefore;
  const changeCalls = calls('ChangeResourceRecordSets') - changeBefore;
  const batchBound = Math.max(Math.ceil(setsBefore.length / 1_000), Math.ceil(valueChars / 32_000));
  const listBound = Math.ceil((setsBefore.length + 2) / 300);
  say(
    `3. cleanup of a cluster that owned ${progress.found} records (${valueChars.toLocaleString('en-US')} characters of values): ${progress.deleted} deleted, ${left} left, in ${progress.batches} batches (lower bound ${batchBound}) and ${changeCalls} ChangeResourceRecordSets + ${listCalls} ListResourceRecordSets calls (lower bound ${batchBound} + ${listBound}), ${cleanupSeconds.toFixed(2)} s`,
  );

  await store.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
