// Benchmark: the collector deletes N zones (default 100) of R records each (default 2,000; a fifth
// of them DKIM-sized TXT records of 415 characters) against the sandbox with AWS's Route 53 token
// buckets, and compares the wall time with the floor the limits imply for the calls made. Then the
// same on PostgreSQL with two `zk run` replicas, 20 % of all Route 53 calls failing, and the
// leader killed (-9) a third of the way through: every zone must be deleted exactly once.
//   npm run bench:gc -- [--zones 100] [--records 2000] [--phase both|single|replicas]
// (tsx --conditions=react-server: the server modules it drives import 'server-only')
//
// Seeding: the orgs are provisioned by the reconciler as in production (zone, delegation, IAM),
// untimed; their records are then written straight into the in-process sandbox's zone store
// (ZoneStore.putRecord, the same call a validated change batch ends in), because 200,000 records
// through the API would take the budget longer than the collection itself. Deletions are counted
// per zone by wrapping the store's deleteZone, and HostedZoneNotEmpty / InvalidChangeBatch by
// wrapping the sandbox's error constructors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { eq, inArray } from 'drizzle-orm';
import { openStore, type Store } from '@/db/open-store';
import { route53Errors } from '@/sandbox/route53/route53-errors';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { startReplica, type Replica } from '@/test/integration/provisioning/replica-process';

const { values } = parseArgs({
  options: {
    zones: { type: 'string' },
    records: { type: 'string' },
    phase: { type: 'string' },
  },
});
const ZONES = Number(values.zones ?? 100);
const RECORDS = Number(values.records ?? 2_000);
const PHASE = values.phase ?? 'both';
const TXT_SHARE = 0.2;
const FAULT_RATE = 0.2;
const BASE_DOMAIN = 'bench.zonekeeper.test';
// A DKIM public key record as mail providers publish it: 415 characters in two strings.
const DKIM_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.padEnd(392, 'q');
const DKIM_VALUE = `"v=DKIM1; k=rsa; p=${DKIM_KEY.slice(0, 230)}" "${DKIM_KEY.slice(230)}"`;

interface Stats {
  operations: Record<string, { calls: number; throttled: number; injectedFaults: number }>;
  totals: {
    calls: number;
    throttled: number;
    injectedFaults: number;
    priorRequestNotComplete: number;
  };
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    baseDomain: BASE_DOMAIN,
    keyActivationDelayMs: 500,
    pendingMs: 1_000,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bench-gc-'));
  Object.assign(process.env, sandbox.env, {
    ZK_BASE_DOMAIN: BASE_DOMAIN,
    DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
    ZK_KEY_VERIFY_TIMEOUT_MS: '30000',
  });
  const counters = countOutcomes(sandbox);
  const results: Record<string, unknown> = { zones: ZONES, recordsPerZone: RECORDS };
  if (PHASE === 'both' || PHASE === 'single') {
    const { getStore } = await import('@/server/store');
    results.single = await singleReplica(sandbox, await getStore(), counters);
  }
  if (PHASE === 'both' || PHASE === 'replicas') {
    results.replicas = await twoReplicas(sandbox, counters);
  }
  console.log(JSON.stringify(results, null, 2));
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

/** One process, SQLite, no faults: the collection timed against the floor. */
async function singleReplica(sandbox: Sandbox, store: Store, counters: Counters) {
  const { SYSTEM_ACTOR } = await import('@/server/auth/actor');
  const { runGcPass } = await import('@/server/gc/run-gc-pass');
  const { whileHoldingLease } = await import('@/server/provisioning/leader-lease');
  const zoneIds = await provisionAndSeed(sandbox, store, 's');
  await resetStats(sandbox);
  counters.reset();
  const started = Date.now();
  let passes = 0;
  let left = zoneIds.length;
  while (left > 0 && passes < 5) {
    passes += 1;
    await whileHoldingLease(store, 'reconciler', `bench-${randomUUID()}`, 15_000, (lease) =>
      runGcPass(store, SYSTEM_ACTOR, { lease }),
    );
    left = await liveZones(store, zoneIds);
  }
  const wallSeconds = (Date.now() - started) / 1000;
  const stats = await readStats(sandbox);
  const floorSeconds = floorOf(stats);
  return {
    passes,
    wallSeconds: round(wallSeconds),
    floorSeconds: round(floorSeconds),
    ratio: Number((wallSeconds / floorSeconds).toFixed(2)),
    ...outcome(stats, counters, zoneIds),
    zonesLeft: left,
  };
}

/** Two `zk run` replicas on PostgreSQL, 20 % of Route 53 calls failing, the leader killed. */
async function twoReplicas(sandbox: Sandbox, counters: Counters) {
  const database = await createPostgresDatabase();
  const store = await openStore({ dialect: 'postgres', url: database.url });
  const zoneIds = await provisionAndSeed(sandbox, store, 'r');
  await resetStats(sandbox);
  counters.reset();
  sandbox.controls.route53.faults.set('*', { errorRate: FAULT_RATE, errorKind: 'InternalFailure' });
  const env = {
    ...sandbox.env,
    DATABASE_URL: database.url,
    ZK_BASE_DOMAIN: BASE_DOMAIN,
    ZK_LEASE_TTL_MS: '4000',
    ZK_RECONCILE_INTERVAL_MS: '500',
    ZK_CRASH_AT: '',
  };
  const started = Date.now();
  const replicas: Replica[] = [startReplica('a', env), startReplica('b', env)];
  let killed: string | null = null;
  let left = zoneIds.length;
  // An upper bound on waiting, not a measurement.
  const deadline = Date.now() + 20 * 60_000;
  while (left > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    left = await liveZones(store, zoneIds);
    if (killed === null && left <= (zoneIds.length * 2) / 3) {
      const leader = leaderOf(replicas);
      if (leader) {
        leader.child.kill('SIGKILL');
        await leader.exited;
        killed = leader.name;
      }
    }
  }
  const wallSeconds = (Date.now() - started) / 1000;
  sandbox.controls.route53.faults.clear();
  for (const replica of replicas) {
    if (replica.child.exitCode === null && replica.child.signalCode === null) {
      replica.child.kill('SIGTERM');
      await replica.exited;
    }
  }
  const stats = await readStats(sandbox);
  const a = store.t.auditEvents;
  const events = await store.db
    .select({ action: a.action, target: a.target })
    .from(a)
    .where(inArray(a.action, ['zone.deleted', 'gc.zone_collected']));
  const perZone = (action: string) =>
    countPerZone(
      zoneIds,
      events.filter((e) => e.action === action).map((e) => e.target),
    );
  const result = {
    wallSeconds: round(wallSeconds),
    floorSeconds: round(floorOf(stats)),
    leaderKilled: killed,
    ...outcome(stats, counters, zoneIds),
    auditZoneDeletedPerZone: perZone('zone.deleted'),
    auditCollectedPerZone: perZone('gc.zone_collected'),
    injectedFaultsAbsorbed: stats.totals.injectedFaults,
    zonesLeft: left,
  };
  await store.close();
  await database.drop();
  return result;
}

/** N orgs provisioned by the reconciler, each zone then filled with R records. */
async function provisionAndSeed(sandbox: Sandbox, store: Store, prefix: string) {
  const { SYSTEM_ACTOR } = await import('@/server/auth/actor');
  const { createOrganization } = await import('@/server/orgs/create-organization');
  const { reconcilePass } = await import('@/server/provisioning/reconcile-pass');
  for (let i = 0; i < ZONES; i += 1) {
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: `${prefix}${i}`, slug: `${prefix}-${String(i).padStart(4, '0')}` },
    );
  }
  for (let pass = 0; pass < 5; pass += 1) {
    const { results } = await reconcilePass(store, SYSTEM_ACTOR);
    if (results.every((r) => r.outcome === 'ready')) break;
  }
  const z = store.t.hostedZones;
  const rows = (await store.db.select().from(z)).filter((row) => row.name.startsWith(`${prefix}-`));
  if (rows.length !== ZONES || rows.some((row) => row.status !== 'ready'))
    throw new Error(`provisioning left ${ZONES - rows.length} zones missing or not ready`);
  const txt = Math.round(RECORDS * TXT_SHARE);
  for (const row of rows) {
    const zone = sandbox.route53.store.zones.get(row.awsZoneId!.replace(/^\/hostedzone\//, ''))!;
    const apex = zone.name;
    for (let i = 0; i < RECORDS; i += 1) {
      sandbox.route53.store.putRecord(
        zone,
        i < txt
          ? { name: `s${i}._domainkey.${apex}`, type: 'TXT', ttl: 300, values: [DKIM_VALUE] }
          : {
              name: `host${i}.${apex}`,
              type: 'A',
              ttl: 300,
              values: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
            },
      );
    }
    // As the record sync would have counted them: the planner estimates teardown calls from it.
    await store.db
      .update(z)
      .set({ recordCount: RECORDS + 2 })
      .where(eq(z.id, row.id));
  }
  // Automatic mode, no grace: every zone is idle and inside its free window, so all are due now.
  await store.db
    .insert(store.t.settings)
    .values({ key: 'gc', value: { mode: 'automatic', gracePeriodMs: 0 } });
  return rows.map((row) => row.awsZoneId!);
}

interface Counters {
  deletes: Map<string, number>;
  hostedZoneNotEmpty: number;
  invalidChangeBatch: number;
  reset(): void;
}

function countOutcomes(sandbox: Sandbox): Counters {
  const counters: Counters = {
    deletes: new Map(),
    hostedZoneNotEmpty: 0,
    invalidChangeBatch: 0,
    reset() {
      counters.deletes.clear();
      counters.hostedZoneNotEmpty = 0;
      counters.invalidChangeBatch = 0;
    },
  };
  const store = sandbox.route53.store;
  const deleteZone = store.deleteZone.bind(store);
  store.deleteZone = (zone) => {
    counters.deletes.set(zone.id, (counters.deletes.get(zone.id) ?? 0) + 1);
    return deleteZone(zone);
  };
  const notEmpty = route53Errors.hostedZoneNotEmpty;
  route53Errors.hostedZoneNotEmpty = () => {
    counters.hostedZoneNotEmpty += 1;
    return notEmpty();
  };
  const invalid = route53Errors.invalidChangeBatch;
  route53Errors.invalidChangeBatch = (messages) => {
    counters.invalidChangeBatch += 1;
    return invalid(messages);
  };
  return counters;
}

function outcome(stats: Stats, counters: Counters, zoneIds: string[]) {
  const bare = zoneIds.map((id) => id.replace(/^\/hostedzone\//, ''));
  const deletes = bare.map((id) => counters.deletes.get(id) ?? 0);
  return {
    route53Calls: stats.totals.calls,
    callsPerZone: Number((stats.totals.calls / zoneIds.length).toFixed(1)),
    throttledAbsorbed: stats.totals.throttled,
    priorRequestNotCompleteAbsorbed: stats.totals.priorRequestNotComplete,
    hostedZoneNotEmpty: counters.hostedZoneNotEmpty,
    invalidChangeBatch: counters.invalidChangeBatch,
    deleteHostedZoneSuccessesPerZone: histogram(deletes),
    perOperation: Object.fromEntries(
      Object.entries(stats.operations).map(([op, s]) => [op, s.calls]),
    ),
  };
}

// The floor: every request takes a token from the account bucket (50, then 10/s) and from its
// operation's (50, then 10/s; DeleteHostedZone 40, then 5/s), whatever its answer.
function floorOf(stats: Stats): number {
  const perOperation = Object.entries(stats.operations).map(([op, s]) =>
    op === 'DeleteHostedZone' ? (s.calls - 40) / 5 : (s.calls - 50) / 10,
  );
  return Math.max((stats.totals.calls - 50) / 10, ...perOperation, 0);
}

async function readStats(sandbox: Sandbox): Promise<Stats> {
  return (await (
    await fetch(`${sandbox.endpoints.route53}/_sandbox/stats?service=route53`)
  ).json()) as Stats;
}

async function resetStats(sandbox: Sandbox): Promise<void> {
  await fetch(`${sandbox.endpoints.route53}/_sandbox/stats/reset`, { method: 'POST' });
}

async function liveZones(store: Store, zoneIds: string[]): Promise<number> {
  const z = store.t.hostedZones;
  const rows = await store.db
    .select({ status: z.status })
    .from(z)
    .where(inArray(z.awsZoneId, zoneIds));
  return rows.filter((row) => row.status !== 'deleted').length;
}

function leaderOf(replicas: Replica[]): Replica | undefined {
  const alive = replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  return alive.find((r) => r.lines.some((l) => l.message === 'reconciler: leading'));
}

function countPerZone(zoneIds: string[], targets: string[]) {
  const counts = new Map(zoneIds.map((id) => [id, 0]));
  for (const target of targets) if (counts.has(target)) counts.set(target, counts.get(target)! + 1);
  return histogram([...counts.values()]);
}

/** How many zones were deleted 0, 1, 2… times: { "1": 100 } is every zone exactly once. */
function histogram(counts: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const count of counts) out[count] = (out[count] ?? 0) + 1;
  return out;
}

// A throwaway database on the local PostgreSQL (trust auth), dropped at the end.
async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.ZK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `zk_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

const round = (seconds: number) => Number(seconds.toFixed(1));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
