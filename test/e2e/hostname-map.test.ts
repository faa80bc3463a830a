// The hostname map end to end in Chromium: acme's sandbox cluster gets ExternalDNS from
// Zonekeeper, the real kubectl creates a LoadBalancer Service with a hostname annotation, the
// sandbox ExternalDNS publishes it, and after "Sync now" acme's map shows it owned by the cluster
// with its Service as the resource; the Service goes and, after the next sync, so does the record
// (policy sync). The CSV export and the operators' platform-wide map (reached from the sidebar)
// carry it too; globex's admin sees none of it. A cluster that is deleted takes its records along.
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import { registerCluster } from '@/server/clusters/register-cluster';
import { createVaultKv } from '@/server/cloud/vault';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { openKubectl, type Kubectl } from './support/kubectl';
import { signInAs } from './support/sign-in';

const HOST = 'shop.acme.zonekeeper.test';
const SERVICE = 'shop-web';
// Provisioning, delivery of ExternalDNS and its publishing each wait on the sandbox's clocks.
const SLOW = { timeout: 120_000, interval: 500 };

describe('Hostname map', () => {
  const baseUrl = inject('baseUrl');
  const vaultSettings = inject('vault');
  const kubeconfigs = inject('kubeconfigs');
  let browser: BrowserSession;
  let store: Store;
  let cli: Kubectl;

  beforeAll(async () => {
    browser = await openBrowser();
    store = await openStore({ dialect: 'sqlite', file: inject('databaseFile') });
    cli = openKubectl(kubeconfigs['acme-prod']!);
  });
  afterAll(async () => {
    await browser?.close();
    await store?.close();
    cli?.close();
  });

  /** The real kubectl against one of acme's sandbox clusters (prod unless told). */
  const kubectl = (args: string[], input?: string, kubeconfig?: string) =>
    cli.run(args, { input, kubeconfig });

  const acme = async () => {
    const [org] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, 'acme'));
    return org!;
  };

  /** One of acme's clusters by name, as the store has it. */
  const cluster = async (name: string) => {
    const org = await acme();
    return (await store.db.select().from(store.t.clusters)).find(
      (c) => c.orgId === org.id && c.name === name,
    );
  };
  const clusterState = async (name: string) => (await cluster(name))?.externalDnsState;

  /** Syncs acme's zone with the button, then counts the rows naming the hostname. */
  async function syncAndCount(page: Page, host = HOST): Promise<number> {
    await page.goto(`${baseUrl}/orgs/acme/hostnames?q=${host}`);
    await page.getByTestId('sync-now').click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
      .toContain('Synced:');
    await page.goto(`${baseUrl}/orgs/acme/hostnames?q=${host}`);
    return page.locator(`[data-testid="hostname-row"][data-hostname="${host}"]`).count();
  }

  /** A LoadBalancer Service that asks ExternalDNS for `host`, applied with the real kubectl. */
  const serviceManifest = (name: string, host: string) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'external-dns.alpha.kubernetes.io/hostname': host },
      },
      spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80 }] },
    });

  it("shows a Service's hostname owned by its cluster after a sync, and drops it once the Service is gone", async () => {
    // acme is provisioned by the app's reconciler at start, and its demo cluster prod (registered
    // by the global setup as npm start does) gets ExternalDNS with acme's key.
    await expect.poll(async () => (await acme()).status, SLOW).toBe('ready');
    await expect.poll(() => clusterState('prod'), SLOW).toBe('running');

    await kubectl(
      ['apply', '--server-side', '--field-manager=zk-e2e'],
      serviceManifest(SERVICE, HOST),
    );

    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeAdmin');
    await expect.poll(() => syncAndCount(page), SLOW).toBe(1);
    const row = page.locator(`[data-testid="hostname-row"][data-hostname="${HOST}"]`);
    expect(await row.getByTestId('hostname-cluster').textContent()).toBe('prod');
    expect(await row.getByTestId('hostname-resource').textContent()).toBe(
      `service/default/${SERVICE}`,
    );
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('owned');
    expect(await page.getByTestId('records-synced-at').textContent()).toMatch(
      /Records last synced from Route 53 at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    // The cluster's own view lists it too.
    await page.goto(`${baseUrl}/orgs/acme/clusters/prod/hostnames`);
    expect(
      await page.locator(`[data-testid="hostname-row"][data-hostname="${HOST}"]`).count(),
    ).toBe(1);
    await screenshot(page, 'hostname-map-acme');
    // The CSV export of the filtered set carries the same record.
    const csv = await page.request.get(`${baseUrl}/api/orgs/acme/hostnames/csv?q=${HOST}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^org,hostname,type,/);
    expect(lines.some((l) => l.startsWith(`acme,${HOST},CNAME,`) && l.includes(',prod,'))).toBe(
      true,
    );

    // A platform operator finds it in the platform-wide map, through the sidebar.
    await signInAs(page, baseUrl, 'operator');
    await page.goto(`${baseUrl}/orgs`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Hostnames' })
      .click();
    await page.waitForURL(`${baseUrl}/hostnames`);
    await page.goto(`${baseUrl}/hostnames?org=acme&q=${HOST}`);
    const platformRow = page.locator(`[data-testid="hostname-row"][data-hostname="${HOST}"]`);
    expect(await platformRow.count()).toBe(1);
    expect(await platformRow.locator('td').first().textContent()).toBe('acme');

    // Globex's admin: acme's map is a 404, and globex's own map does not show acme's record.
    await signInAs(page, baseUrl, 'globexAdmin');
    expect((await page.goto(`${baseUrl}/orgs/acme/hostnames`))?.status()).toBe(404);
    expect((await page.goto(`${baseUrl}/orgs/acme/clusters/prod/hostnames`))?.status()).toBe(404);
    expect((await page.goto(`${baseUrl}/api/orgs/acme/hostnames/csv`))?.status()).toBe(404);
    await page.goto(`${baseUrl}/orgs/globex/hostnames?q=${HOST}`);
    expect(await page.locator('[data-testid="hostname-row"]').count()).toBe(0);
    await page.goto(`${baseUrl}/orgs/globex/hostnames`);
    expect(await page.content()).not.toContain(HOST);

    // The Service goes; under --policy=sync ExternalDNS deletes its records, and the next sync
    // takes them off the map.
    await kubectl(['delete', 'service', SERVICE, '-n', 'default']);
    await signInAs(page, baseUrl, 'acmeAdmin');
    await expect.poll(() => syncAndCount(page), SLOW).toBe(0);
    await screenshot(page, 'hostname-map-acme-after-delete');
  });

  it("deletes a deleted cluster's records from the zone once its ExternalDNS is out", async () => {
    const EDGE_HOST = 'edge-shop.acme.zonekeeper.test';
    const edgeKubeconfig = kubeconfigs['acme-edge']!;
    await expect.poll(async () => (await acme()).status, SLOW).toBe('ready');
    await registerCluster(
      {
        store,
        actor: { type: 'cli', label: 'cli:e2e-hostname-map' },
        org: await acme(),
        vault: createVaultKv({
          address: vaultSettings.address,
          token: vaultSettings.token,
          mount: 'secret',
          timeoutMs: 5_000,
        }),
        baseDomain: 'zonekeeper.test',
        kubeTimeoutMs: 10_000,
      },
      {
        name: 'edge',
        policy: 'sync',
        connection: { kind: 'kubeconfig', kubeconfig: fs.readFileSync(edgeKubeconfig, 'utf8') },
      },
    );
    await expect.poll(() => clusterState('edge'), SLOW).toBe('running');
    await kubectl(
      ['apply', '--server-side', '--field-manager=zk-e2e'],
      serviceManifest('edge-shop', EDGE_HOST),
      edgeKubeconfig,
    );
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeAdmin');
    await expect.poll(() => syncAndCount(page, EDGE_HOST), SLOW).toBe(1);
    const row = page.locator(`[data-testid="hostname-row"][data-hostname="${EDGE_HOST}"]`);
    expect(await row.getByTestId('hostname-cluster').textContent()).toBe('edge');

    // The admin deletes the cluster on its page; the reconciler takes ExternalDNS out of it, then
    // deletes the records it owned (the Service is still there: nothing republishes them).
    await page.goto(`${baseUrl}/orgs/acme/clusters/edge`);
    await page.getByLabel('Type edge to confirm').fill('edge');
    await page.getByRole('button', { name: 'Delete cluster' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Cluster deleted' }).count()).toBe(1);
    await expect.poll(async () => (await cluster('edge'))?.removalState, SLOW).toBe('done');
    expect(
      await kubectl(['get', 'namespaces', '-o', 'name'], undefined, edgeKubeconfig),
    ).not.toContain('namespace/external-dns');
    await expect.poll(() => syncAndCount(page, EDGE_HOST), SLOW).toBe(0);
  });
});
