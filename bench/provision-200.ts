// Benchmark: provision N organizations (default 200) against the sandbox with AWS-like Route 53
// throttling, optionally with injected faults (the same rate on Route 53, IAM and STS), and compare
// the wall time with the floor the rate limits imply for the calls actually made (every call that
// reached the server: on AWS each request takes a token, whatever its answer). Ends with an IAM
// inventory for duplicates.
//   npm run bench:provision -- [--orgs 200] [--fault-rate 0.2]
// (tsx --conditions=react-server: the server modules it drives import 'server-only')
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '@/sandbox/start-sandbox';
import type { OperationFaults } from '@/sandbox/throttle/fault-injection';
import { iamInventory } from './iam-inventory';

const { values } = parseArgs({
  options: { orgs: { type: 'string' }, 'fault-rate': { type: 'string' } },
});
const ORGS = Number(values.orgs ?? 200);
const FAULT_RATE = Number(values['fault-rate'] ?? 0);
const BASE_DOMAIN = 'bench.zonekeeper.test';

// InternalFailure is each service's own 500: InternalFailure (Route 53, STS), ServiceFailure (IAM).
const everyCallFails: Record<string, OperationFaults> =
  FAULT_RATE > 0 ? { '*': { errorRate: FAULT_RATE, errorKind: 'InternalFailure' } } : {};

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    baseDomain: BASE_DOMAIN,
    keyActivationDelayMs: 500,
    pendingMs: 1_000,
    faults: { route53: everyCallFails, iam: everyCallFails, sts: everyCallFails },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bench-'));
  Object.assign(process.env, sandbox.env, {
    ZK_BASE_DOMAIN: BASE_DOMAIN,
    DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
    ZK_KEY_VERIFY_TIMEOUT_MS: '30000',
  });
  // Imported after the environment is set: the configuration is read once.
  const { getStore } = await import('@/server/store');
  const { SYSTEM_ACTOR } = await import('@/server/auth/actor');
  const { createOrganization } = await import('@/server/orgs/create-organization');
  const { reconcilePass } = await import('@/server/provisioning/reconcile-pass');
  const { orgResourceNames } = await import('@/server/provisioning/org-resource-names');

  const store = await getStore();
  for (let i = 0; i < ORGS; i += 1) {
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: `org${i}`, slug: `org-${String(i).padStart(4, '0')}` },
    );
  }
  // Without a service, the reset clears the counts of Route 53, IAM and STS alike.
  await fetch(`${sandbox.endpoints.route53}/_sandbox/stats/reset`, { method: 'POST' });

  const started = Date.now();
  let passes = 0;
  let failed = ORGS;
  while (failed > 0 && passes < 10) {
    passes += 1;
    const slugs =
      passes === 1
        ? undefined
        : (await store.db.select().from(store.t.organizations))
            .filter((o) => o.status !== 'ready')
            .map((o) => o.slug);
    const { results } = await reconcilePass(store, SYSTEM_ACTOR, { slugs });
    failed = results.filter((r) => r.outcome !== 'ready').length;
  }
  const wallSeconds = (Date.now() - started) / 1000;

  interface Stats {
    operations: Record<
      string,
      { calls: number; throttled: number; injectedFaults: number; priorRequestNotComplete: number }
    >;
    totals: {
      calls: number;
      throttled: number;
      injectedFaults: number;
      priorRequestNotComplete: number;
    };
  }
  const readStats = async (service: string) =>
    (await (
      await fetch(`${sandbox.endpoints.route53}/_sandbox/stats?service=${service}`)
    ).json()) as Stats;
  const stats = await readStats('route53');
  const iamStats = await readStats('iam');
  const stsStats = await readStats('sts');
  const calls = (op?: string) => (op ? stats.operations[op] : stats.totals)?.calls ?? 0;
  // The floor: the slower of CreateHostedZone's bucket (40, then 2/s) and the account's (50, then
  // 10/s), for all calls made. AWS charges a token per request, failed or not, and so does the
  // sandbox: it takes the token before it injects a fault.
  const floorSeconds = Math.max((calls('CreateHostedZone') - 40) / 2, (calls() - 50) / 10, 0);
  // The inventory below reads IAM to check the run, it is not part of it: no faults for it.
  await fetch(`${sandbox.endpoints.route53}/_sandbox/faults`, { method: 'DELETE' });

  const zones = [...sandbox.route53.store.zones.values()].filter((z) =>
    z.name.endsWith(`.${BASE_DOMAIN}.`),
  );
  const zoneNames = new Set(zones.map((z) => z.name));
  const orgRows = await store.db.select().from(store.t.organizations);
  const ready = orgRows.filter((o) => o.status === 'ready').length;
  const iam = await iamInventory(
    sandbox.env,
    new Set(orgRows.map((o) => orgResourceNames(o, BASE_DOMAIN).iamUserName)),
  );
  const result = {
    orgs: ORGS,
    faultRate: FAULT_RATE,
    passes,
    wallSeconds: Number(wallSeconds.toFixed(1)),
    floorSeconds: Number(floorSeconds.toFixed(1)),
    ratio: Number((wallSeconds / floorSeconds).toFixed(2)),
    route53CallsPerOrg: Number((stats.totals.calls / ORGS).toFixed(2)),
    // Calls the operation itself answered: neither throttled nor failed on purpose.
    route53ServedPerOrg: Number(
      ((stats.totals.calls - stats.totals.throttled - stats.totals.injectedFaults) / ORGS).toFixed(
        2,
      ),
    ),
    iamCallsPerOrg: Number((iamStats.totals.calls / ORGS).toFixed(2)),
    stsCallsPerOrg: Number((stsStats.totals.calls / ORGS).toFixed(2)),
    throttledAbsorbed: stats.totals.throttled,
    priorRequestNotCompleteAbsorbed: stats.totals.priorRequestNotComplete,
    injectedFaultsAbsorbed: {
      route53: stats.totals.injectedFaults,
      iam: iamStats.totals.injectedFaults,
      sts: stsStats.totals.injectedFaults,
    },
    readyOrgs: ready,
    failedOrgs: ORGS - ready,
    zones: zones.length,
    duplicateZones: zones.length - zoneNames.size,
    iamUsers: iam.users,
    unexpectedIamUsers: iam.unexpectedUsers,
    iamUsersWithoutExactlyOneKey: iam.usersWithoutExactlyOneKey,
    accessKeys: iam.keys,
    perOperation: { route53: stats.operations, iam: iamStats.operations, sts: stsStats.operations },
  };
  console.log(JSON.stringify(result, null, 2));
  await store.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
