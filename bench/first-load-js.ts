// First-load JavaScript of every page route, as a person's browser receives it: Chromium with an
// empty cache loads each route once, and every script response is counted at its transferred
// (gzip) size, in kB of 1000 bytes as Chromium's DevTools count them. Runs the production
// build against the sandbox, signed in as the demo operator.
//
//   npm run bench:first-load -- [--budget-kb 150] [--dist .next-e2e] [--verbose]
//
// --verbose lists every script of every route with its size, to find what to trim.
// --dist reuses another production build (say the e2e suite's) when it is current.
// Prints a Markdown table for BENCHMARKS.md and exits 1 when a route passes the budget.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { openStore } from '../db/open-store';
import { startSandboxIdentityProvider } from '../sandbox/oidc/start-sandbox-identity-provider';
import { startSandbox } from '../sandbox/start-sandbox';
import { ensureBuilt, freePort, startNextServer } from '../scripts/next-server';
import { DEMO_SANDBOX_CLUSTERS, seedDemoClusters } from '../scripts/demo/seed-demo-clusters';
import { seedDemoOrganizations } from '../scripts/seed-demo-organizations';

const distArg = process.argv.indexOf('--dist');
const DIST_DIR = distArg > 0 ? process.argv[distArg + 1]! : '.next-bench';
const BASE_DOMAIN = 'zonekeeper.test';
const CHROMIUM = process.env.ZK_CHROMIUM_PATH ?? '/usr/bin/chromium';
const budgetArg = process.argv.indexOf('--budget-kb');
const BUDGET_KB = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 150;
const VERBOSE = process.argv.includes('--verbose');

// Every page route (app/**/page.tsx) with the values of its dynamic segments, and who asks.
// `budgetKb`: a route's own budget, said why, instead of --budget-kb.
const ROUTES: { route: string; path: string; signedIn: boolean; budgetKb?: number }[] = [
  { route: '/sign-in', path: '/sign-in', signedIn: false },
  { route: '/sign-in/error/[provider]', path: '/sign-in/error/platform', signedIn: false },
  { route: '/orgs', path: '/orgs', signedIn: true },
  { route: '/orgs/[slug]', path: '/orgs/acme', signedIn: true },
  { route: '/orgs/[slug]/members', path: '/orgs/acme/members', signedIn: true },
  { route: '/orgs/[slug]/sign-in-settings', path: '/orgs/acme/sign-in-settings', signedIn: true },
  { route: '/orgs/[slug]/clusters', path: '/orgs/acme/clusters', signedIn: true },
  { route: '/orgs/[slug]/clusters/[name]', path: '/orgs/acme/clusters/prod', signedIn: true },
  {
    route: '/orgs/[slug]/clusters/[name]/hostnames',
    path: '/orgs/acme/clusters/prod/hostnames',
    signedIn: true,
  },
  { route: '/orgs/[slug]/hostnames', path: '/orgs/acme/hostnames', signedIn: true },
  {
    route: '/orgs/[slug]/hostnames/delete-orphans',
    path: '/orgs/acme/hostnames/delete-orphans',
    signedIn: true,
  },
  { route: '/orgs/[slug]/certificates', path: '/orgs/acme/certificates', signedIn: true },
  { route: '/hostnames', path: '/hostnames', signedIn: true },
  // The chart library (recharts) is fetched with next/dynamic once the page has rendered, on this
  // page alone (its table shows the same figures first), and counted here with the rest.
  { route: '/cost', path: '/cost', signedIn: true, budgetKb: 300 },
  { route: '/gc', path: '/gc', signedIn: true },
];

interface Measurement {
  route: string;
  scripts: number;
  transferredBytes: number;
  encodings: Set<string>;
  files: { url: string; bytes: number }[];
}

async function main() {
  ensureBuilt(DIST_DIR);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bench-js-'));
  const databaseFile = path.join(dataDir, 'zonekeeper.sqlite');
  const port = await freePort();
  // The demo clusters, as npm start registers them, for the cluster pages.
  const sandbox = await startSandbox({
    baseDomain: BASE_DOMAIN,
    kube: { clusters: DEMO_SANDBOX_CLUSTERS },
  });
  const idp = await startSandboxIdentityProvider({ appUrl: `http://localhost:${port}` });
  const store = await openStore({ dialect: 'sqlite', file: databaseFile });
  try {
    await seedDemoOrganizations({
      store,
      sandboxEnv: sandbox.env,
      baseDomain: BASE_DOMAIN,
      organizations: idp.organizations,
    });
    await seedDemoClusters({
      store,
      sandboxEnv: sandbox.env,
      baseDomain: BASE_DOMAIN,
      kube: sandbox.kube,
    });
  } finally {
    await store.close();
  }
  const app = await startNextServer({
    port,
    distDir: DIST_DIR,
    stdio: 'pipe',
    env: {
      ...sandbox.env,
      ...idp.env,
      AUTH_SECRET: randomBytes(32).toString('base64'),
      DATABASE_URL: `file:${databaseFile}`,
      ZK_BASE_DOMAIN: BASE_DOMAIN,
    },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const cookies = await operatorCookies(browser, app.url);
    const results: Measurement[] = [];
    for (const entry of ROUTES) {
      results.push(await measure(browser, app.url, entry, entry.signedIn ? cookies : []));
    }
    printTable(results);
    const budgetOf = (route: string) =>
      ROUTES.find((r) => r.route === route)?.budgetKb ?? BUDGET_KB;
    const over = results.filter((r) => r.transferredBytes / 1000 > budgetOf(r.route));
    if (over.length > 0) {
      console.error(
        `Over budget: ${over.map((r) => `${r.route} (${budgetOf(r.route)} kB)`).join(', ')}`,
      );
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await app.stop();
    await idp.close();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Signs the demo operator in through the sandbox IdP once; each measurement reuses the cookie. */
async function operatorCookies(browser: Browser, baseUrl: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('button', { name: 'Sign in with the platform identity provider' }).click();
  await page.waitForURL((url) => url.pathname.includes('/interaction/'));
  await page.getByRole('button', { name: /Pat Operator/ }).click();
  await page.waitForURL((url) => url.origin === new URL(baseUrl).origin);
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}

// A new context has an empty cache: everything the route needs is fetched and counted.
async function measure(
  browser: Browser,
  baseUrl: string,
  entry: (typeof ROUTES)[number],
  cookies: Awaited<ReturnType<BrowserContext['cookies']>>,
): Promise<Measurement> {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const page = await context.newPage();
  const scripts: Promise<{ url: string; bytes: number; encoding: string }>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    scripts.push(
      (async () => {
        const sizes = await request.sizes();
        const response = await request.response();
        const encoding = (await response?.headerValue('content-encoding')) ?? 'identity';
        return { url: new URL(request.url()).pathname, bytes: sizes.responseBodySize, encoding };
      })(),
    );
  });
  const response = await page.goto(`${baseUrl}${entry.path}`, { waitUntil: 'networkidle' });
  if (!response?.ok()) throw new Error(`${entry.path} answered ${response?.status()}`);
  const measured = await Promise.all(scripts);
  await context.close();
  return {
    route: entry.route,
    scripts: measured.length,
    transferredBytes: measured.reduce((sum, s) => sum + s.bytes, 0),
    encodings: new Set(measured.map((s) => s.encoding)),
    files: measured.map(({ url, bytes }) => ({ url, bytes })),
  };
}

function printTable(results: Measurement[]) {
  console.log(`| Route | Scripts | First-load JS transferred | Encoding |`);
  console.log(`| ----- | ------: | ------------------------: | -------- |`);
  for (const r of results) {
    const kb = (r.transferredBytes / 1000).toFixed(1);
    console.log(`| \`${r.route}\` | ${r.scripts} | ${kb} kB | ${[...r.encodings].join(', ')} |`);
  }
  if (!VERBOSE) return;
  for (const r of results) {
    console.log(`\n${r.route}`);
    for (const file of [...r.files].sort((a, b) => b.bytes - a.bytes)) {
      console.log(`  ${(file.bytes / 1000).toFixed(1).padStart(6)} kB  ${file.url}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
