// The hostname page at platform scale: 1,000 orgs and 200,000 records in the store, the
// production server started on it, and in one run the p95 of the org hostname page (search,
// filter, sort, page: several URLs) against the p95 of a trivial route (/api/health) on the same
// server. The ratio is the figure (goal <= 3); the absolute p95 is a guide (< 100 ms).
//
//   npm run bench:hostnames -- [--rounds 40] [--dist .next-bench] [--postgres] [--cpu-prof DIR]
//
// --cpu-prof writes a V8 CPU profile of the server (open it in Chrome's DevTools) to DIR when it
// stops: where the page's time goes. --postgres seeds a throwaway PostgreSQL database (ZK_TEST_POSTGRES_URL or the local one)
// instead of the default SQLite file. Requests go one at a time with the page and the health
// route interleaved, so both see the same machine load.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { openStore, type Store } from '../db/open-store';
import type { RecordOwnership } from '../db/schema/enums';
import { startSandboxIdentityProvider } from '../sandbox/oidc/start-sandbox-identity-provider';
import { startSandbox } from '../sandbox/start-sandbox';
import { ensureBuilt, freePort, startNextServer } from '../scripts/next-server';
import { startSession } from '../server/auth/sessions';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(arg('--rounds') ?? 40);
const DIST_DIR = arg('--dist') ?? '.next-bench';
const POSTGRES = process.argv.includes('--postgres');
const CPU_PROFILE_DIR = arg('--cpu-prof');
const ORGS = 1_000;
const RECORDS_PER_ORG = 200;
const BASE_DOMAIN = 'zonekeeper.test';
const SESSION_COOKIE = 'authjs.session-token';
const STATUSES: RecordOwnership[] = ['owned', 'owned', 'owned', 'unmanaged', 'orphan', 'stale'];

async function seed(store: Store): Promise<{ adminId: string }> {
  const now = new Date();
  const t = store.t;
  for (let o = 0; o < ORGS; o += 1) {
    const slug = `org-${String(o).padStart(4, '0')}`;
    const orgId = randomUUID();
    const zoneId = randomUUID();
    const clusterIds = [randomUUID(), randomUUID()];
    await store.transaction(async (tx) => {
      await tx.db.insert(t.organizations).values({ id: orgId, slug, displayName: slug });
      await tx.db.insert(t.hostedZones).values({
        id: zoneId,
        orgId,
        generation: 1,
        name: `${slug}.${BASE_DOMAIN}`,
        awsZoneId: `Z${o}`,
        callerReference: randomUUID(),
        status: 'ready',
        recordCount: RECORDS_PER_ORG,
        recordsSyncedAt: now,
      });
      await tx.db.insert(t.clusters).values(
        ['prod', 'staging'].map((name, i) => ({
          id: clusterIds[i]!,
          orgId,
          name,
          uid: `zkc-${randomUUID()}`,
          status: i === 0 ? ('running' as const) : ('stopped' as const),
        })),
      );
      const records = Array.from({ length: RECORDS_PER_ORG }, (_, i) => {
        const status = STATUSES[i % STATUSES.length]!;
        const owned = status !== 'unmanaged';
        const cname = i % 4 === 0;
        return {
          id: randomUUID(),
          orgId,
          hostedZoneId: zoneId,
          name: `${cname ? 'api' : 'web'}-${i}.${slug}.${BASE_DOMAIN}.`,
          type: cname ? 'CNAME' : 'A',
          ttl: cname ? 60 : 300,
          values: [cname ? `lb-${i}.elb.example.com` : `198.51.100.${i % 250}`],
          ownerId: owned ? `zkc-owner-${i % 3}` : null,
          resource: owned ? `service/ns-${i % 7}/app-${i}` : null,
          clusterId: owned && status !== 'orphan' ? clusterIds[i % 2]! : null,
          ownership: status,
          ownershipReason: owned ? `Owned by cluster prod (running).` : 'Created by hand.',
          syncedAt: now,
        };
      });
      await tx.db.insert(t.dnsRecords).values(records);
    });
  }
  const adminId = randomUUID();
  await store.db.insert(t.users).values({ id: adminId, email: 'bench@bench.test', name: 'Bench' });
  const [org] = await store.db
    .select()
    .from(t.organizations)
    .limit(1)
    .offset(ORGS / 2);
  await store.db.insert(t.memberships).values({
    id: randomUUID(),
    userId: adminId,
    orgId: org!.id,
    role: 'admin',
    source: 'org-idp',
  });
  return { adminId };
}

const POSTGRES_ADMIN_URL =
  process.env.ZK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A throwaway database for one run, dropped afterwards. */
async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `zk_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

async function timed(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  if (url.includes('/hostnames') && !body.includes('data-testid="hostname-table"')) {
    throw new Error(`${url} did not render the hostname table`);
  }
  return ms;
}

async function main() {
  ensureBuilt(DIST_DIR);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bench-hostnames-'));
  const databaseFile = path.join(dataDir, 'zonekeeper.sqlite');
  const postgres = POSTGRES ? await createBenchDatabase() : null;
  const databaseUrl = postgres ? postgres.url : `file:${databaseFile}`;
  const store = await openStore(
    postgres
      ? { dialect: 'postgres', url: postgres.url }
      : { dialect: 'sqlite', file: databaseFile },
  );
  const seedStart = performance.now();
  const { adminId } = await seed(store);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const authSecret = randomBytes(32).toString('base64');
  const sid = await startSession(store, adminId, 3600);
  const cookie = `${SESSION_COOKIE}=${await encode({
    token: { sub: adminId, sid, email: 'bench@bench.test', name: 'Bench' },
    secret: authSecret,
    salt: SESSION_COOKIE,
    maxAge: 3600,
  })}`;
  await store.close();

  const port = await freePort();
  const sandbox = await startSandbox({ baseDomain: BASE_DOMAIN });
  const idp = await startSandboxIdentityProvider({ appUrl: `http://localhost:${port}` });
  const app = await startNextServer({
    port,
    distDir: DIST_DIR,
    stdio: 'pipe',
    nodeArgs: CPU_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROFILE_DIR)}`]
      : [],
    env: {
      ...sandbox.env,
      ...idp.env,
      AUTH_SECRET: authSecret,
      DATABASE_URL: databaseUrl,
      ZK_BASE_DOMAIN: BASE_DOMAIN,
      ZK_SANDBOX: '1',
      ZK_RECONCILER_ENABLED: 'false',
    },
  });
  const org = `org-${String(ORGS / 2).padStart(4, '0')}`;
  const pages = [
    `/orgs/${org}/hostnames`,
    `/orgs/${org}/hostnames?q=web-1`,
    `/orgs/${org}/hostnames?q=198.51.100.7`,
    `/orgs/${org}/hostnames?status=orphan`,
    `/orgs/${org}/hostnames?type=CNAME&sort=ttl&dir=desc`,
    `/orgs/${org}/hostnames?sort=resource&page=3`,
    `/orgs/${org}/hostnames?cluster=prod&status=owned&page=2`,
    `/orgs/${org}/clusters/prod/hostnames?q=ns-3`,
  ];
  try {
    // Warm-up: the first requests compile nothing in production but fill caches and pools.
    for (const page of pages) await timed(`${app.url}${page}`, cookie);
    for (let i = 0; i < 10; i += 1) await timed(`${app.url}/api/health`, '');
    const pageSamples: number[] = [];
    const healthSamples: number[] = [];
    // For scale, not for the ratio: a small page under the same layout and sign-in.
    const membersSamples: number[] = [];
    const perPage = new Map<string, number[]>(pages.map((p) => [p, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const page of pages) {
        const ms = await timed(`${app.url}${page}`, cookie);
        pageSamples.push(ms);
        perPage.get(page)!.push(ms);
        healthSamples.push(await timed(`${app.url}/api/health`, ''));
      }
      membersSamples.push(await timed(`${app.url}/orgs/${org}/members`, cookie));
    }
    const pageP95 = p95(pageSamples);
    const healthP95 = p95(healthSamples);
    console.log(
      `Store: ${POSTGRES ? 'PostgreSQL' : 'SQLite'}, ${ORGS} orgs, ${(ORGS * RECORDS_PER_ORG).toLocaleString('en-US')} records (seeded in ${seedSeconds.toFixed(0)} s); ${ROUNDS} rounds of ${pages.length} page URLs, each followed by /api/health.`,
    );
    console.log('');
    console.log('| URL | p95 (ms) |');
    console.log('| --- | ---: |');
    for (const [page, samples] of perPage)
      console.log(`| \`${page}\` | ${p95(samples).toFixed(1)} |`);
    console.log(
      `| all hostname page URLs (${pageSamples.length} requests) | ${pageP95.toFixed(1)} |`,
    );
    console.log(`| \`/api/health\` (${healthSamples.length} requests) | ${healthP95.toFixed(1)} |`);
    console.log(
      `| \`/orgs/${org}/members\`, for scale (${membersSamples.length} requests) | ${p95(membersSamples).toFixed(1)} |`,
    );
    console.log('');
    console.log(`Ratio page p95 / health p95: ${(pageP95 / healthP95).toFixed(2)} (goal <= 3)`);
    console.log(`Hostname page p95: ${pageP95.toFixed(1)} ms (guide < 100 ms)`);
  } finally {
    await app.stop();
    await idp.close();
    await sandbox.close();
    await postgres?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
