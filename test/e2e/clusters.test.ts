// Clusters in a real browser against the sandbox (AWS, Vault, Kubernetes) with the reconciler
// running in the app: Ada (acme admin) registers a cluster through the form with a sandbox
// kubeconfig, sees ExternalDNS become running, rotates acme's key and sees the cluster move to the
// new key version, before the old key is deleted; a viewer reads and changes nothing.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore, type Store } from '../../db/open-store';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { signInAs } from './support/sign-in';

const CLUSTER = 'ada-e2e';
const VAULT_PATH = 'zonekeeper/orgs/acme/route53';
// Provisioning and delivery wait for the reconciler's interval, Route 53, IAM and the rollout.
const SLOW = { timeout: 120_000, interval: 500 };

describe('Clusters', () => {
  const baseUrl = inject('baseUrl');
  const vault = inject('vault');
  const kubeconfigFile = inject('unregisteredKubeconfigs')['acme-e2e']!;
  let browser: BrowserSession;
  let store: Store;
  let statusToken = '';

  beforeAll(async () => {
    browser = await openBrowser();
    store = await openStore({ dialect: 'sqlite', file: inject('databaseFile') });
    await signInAs(browser.page, baseUrl, 'acmeAdmin');
  });
  afterAll(async () => {
    await browser?.close();
    await store?.close();
  });

  async function storedKey(): Promise<{ accessKeyId: string; version: number }> {
    const response = await fetch(`${vault.address}/v1/secret/data/${VAULT_PATH}`, {
      headers: { 'X-Vault-Token': vault.token },
    });
    const body = (await response.json()) as {
      data: { data: Record<string, string>; metadata: { version: number } };
    };
    return { accessKeyId: body.data.data.AWS_ACCESS_KEY_ID!, version: body.data.metadata.version };
  }

  const clusterRows = async () =>
    (await store.db.select().from(store.t.clusters)).map((row) => row.uid).sort();
  const externalDnsState = (page: Page) =>
    page
      .getByTestId('externaldns-state')
      .locator('[data-status]')
      .first()
      .getAttribute('data-status');
  const keyVersionHeld = (page: Page) =>
    page.getByTestId('key-version-held').first().getAttribute('data-held');

  it('refuses bad input at its field, keeps what was typed but never the kubeconfig', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs/acme`);
    await page.getByTestId('cluster-counts').click();
    await page.waitForURL(`${baseUrl}/orgs/acme/clusters`);
    await page.getByLabel('Name', { exact: true }).fill('Bad_Name');
    await page.getByLabel('TXT prefix (optional)').fill('zk-');
    await page.getByLabel('Kubeconfig', { exact: true }).fill('apiVersion: v1\nclusters: [');
    await page.getByRole('button', { name: 'Register cluster' }).click();
    const nameError = page.locator('#field-name-error');
    await expect.poll(() => nameError.textContent()).toContain('lower-case');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Bad_Name');
    expect(await page.getByLabel('TXT prefix (optional)').inputValue()).toBe('zk-');
    expect(await page.getByLabel('Kubeconfig', { exact: true }).inputValue()).toBe('');
    expect(await page.getByTestId('kubeconfig-dropped').isVisible()).toBe(true);

    await page.getByLabel('Name', { exact: true }).fill(CLUSTER);
    await page.getByLabel('Kubeconfig', { exact: true }).fill('apiVersion: v1\nclusters: [');
    await page.getByRole('button', { name: 'Register cluster' }).click();
    await expect
      .poll(() => page.locator('#field-kubeconfig-error').textContent())
      .toContain('does not parse as YAML');
    const c = store.t.clusters;
    expect((await store.db.select().from(c)).map((row) => row.name)).not.toContain(CLUSTER);
    await screenshot(page, 'clusters-register-errors');
  });

  it.each([
    ['a taken name', { name: 'prod' }, 'name', 'acme already has a cluster named "prod"'],
    [
      'a TXT prefix and suffix together',
      { txtPrefix: 'a-', txtSuffix: '-b' },
      'txtSuffix',
      'set only one of them',
    ],
    [
      'a kubeconfig without a current context',
      { kubeconfig: (k: string) => k.replace(/^current-context:.*$/m, '') },
      'kubeconfig',
      'names no current context',
    ],
    [
      'a server that does not answer',
      { kubeconfig: (k: string) => k.replace(/server: \S+/, 'server: https://127.0.0.1:1') },
      'kubeconfig',
      'does not answer',
    ],
    [
      'credentials the API refuses',
      { kubeconfig: (k: string) => k.replace(/token: \S+/, 'token: zk-sandbox.wrong') },
      'kubeconfig',
      'refused the credentials (401 Unauthorized)',
    ],
  ] as const)(
    'refuses %s at its field and stores nothing',
    async (_what, input, field, message) => {
      const { page } = browser;
      const kubeconfig = fs.readFileSync(kubeconfigFile, 'utf8');
      await page.goto(`${baseUrl}/orgs/acme/clusters`);
      const name = 'name' in input ? input.name : 'refused-one';
      const before = await clusterRows();
      await page.getByLabel('Name', { exact: true }).fill(name);
      if ('txtPrefix' in input) {
        await page.getByLabel('TXT prefix (optional)').fill(input.txtPrefix);
        await page.getByLabel('TXT suffix (optional)').fill(input.txtSuffix);
      }
      await page
        .getByLabel('Kubeconfig', { exact: true })
        .fill('kubeconfig' in input ? input.kubeconfig(kubeconfig) : kubeconfig);
      await page.getByRole('button', { name: 'Register cluster' }).click();
      await expect
        .poll(() => page.locator(`#field-${field}-error`).textContent(), SLOW)
        .toContain(message);
      expect(await clusterRows()).toEqual(before);
    },
  );

  it('registers a cluster from its kubeconfig file, shows the status token once, and delivers ExternalDNS', async () => {
    const { page } = browser;
    const kubeconfig = fs.readFileSync(kubeconfigFile, 'utf8');
    await page.goto(`${baseUrl}/orgs/acme/clusters`);
    await page.getByLabel('Name', { exact: true }).fill(CLUSTER);
    await page.getByLabel('Kubeconfig file').setInputFiles(kubeconfigFile);
    await expect
      .poll(() => page.getByLabel('Kubeconfig', { exact: true }).inputValue())
      .toBe(kubeconfig);
    await page.getByRole('button', { name: 'Register cluster' }).click();
    await expect.poll(() => page.getByTestId('status-token').count(), SLOW).toBe(1);
    statusToken = (await page.getByTestId('status-token').textContent())!;
    expect(statusToken).toMatch(/^zkcs_/);
    const [row] = (await store.db.select().from(store.t.clusters)).filter(
      (r) => r.name === CLUSTER,
    );
    expect(await page.getByTestId('status-curl').textContent()).toContain(
      `${baseUrl}/api/clusters/${row!.uid}/status`,
    );
    // The kubeconfig went to Vault only: not back to the page, not into the store.
    const token = /token: (\S+)/.exec(kubeconfig)![1]!;
    expect(await page.content()).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    await screenshot(page, 'clusters-registered');

    await page.getByRole('status').getByRole('link', { name: CLUSTER }).click();
    await page.waitForURL(`${baseUrl}/orgs/acme/clusters/${CLUSTER}`);
    await expect.poll(() => externalDnsState(page), SLOW).toBe('running');
    const key = await storedKey();
    expect(await keyVersionHeld(page)).toBe(String(key.version));
    expect(await page.locator('tr[data-object-kind="Deployment"]').textContent()).toContain(
      'rolled out',
    );
    expect(await page.getByTestId('api-server-host').textContent()).toBe(
      new URL(/server: (\S+)/.exec(kubeconfig)![1]!).host,
    );
    expect(await page.content()).not.toContain(token);
    await screenshot(page, 'cluster-page');
  });

  it('takes the status the platform reports with the token, and one set by hand', async () => {
    const { page } = browser;
    const [row] = (await store.db.select().from(store.t.clusters)).filter(
      (r) => r.name === CLUSTER,
    );
    const report = (token: string) =>
      fetch(`${baseUrl}/api/clusters/${row!.uid}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'running' }),
      });
    expect((await report('zkcs_wrong')).status).toBe(401);
    expect((await report(statusToken)).status).toBe(200);
    await page.reload();
    const status = page.getByTestId('cluster-status').locator('[data-status]');
    expect(await status.getAttribute('data-status')).toBe('running');
    // Shown once: neither the page nor its live route has the token or the kubeconfig's.
    const kubeconfigToken = /token: (\S+)/.exec(fs.readFileSync(kubeconfigFile, 'utf8'))![1]!;
    const live = await page.request.get(`${baseUrl}/api/orgs/acme/clusters/${CLUSTER}/status`);
    const liveText = await live.text();
    expect(JSON.parse(liveText)).toMatchObject({
      cluster: { name: CLUSTER, status: 'running', externalDnsState: 'running' },
    });
    for (const text of [await page.content(), liveText]) {
      expect(text).not.toContain(statusToken);
      expect(text).not.toContain(kubeconfigToken);
    }

    await page.getByLabel('Status', { exact: true }).selectOption('stopped');
    await page.getByRole('button', { name: 'Set status' }).click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('stopped');
    const events = (await store.db.select().from(store.t.auditEvents)).filter(
      (e) => e.action === 'cluster.status_set' && e.target === CLUSTER,
    );
    expect(events).toEqual([expect.objectContaining({ actorType: 'user' })]);
  });

  it('moves the cluster to the new key version on rotation, before the old key is deleted', async () => {
    const { page } = browser;
    const before = await storedKey();
    await page.goto(`${baseUrl}/orgs/acme`);
    await page.getByRole('button', { name: 'Rotate access key' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Rotation requested');
    await page.goto(`${baseUrl}/orgs/acme/clusters/${CLUSTER}`);
    await expect.poll(() => keyVersionHeld(page), SLOW).toBe(String(before.version + 1));
    expect(await externalDnsState(page)).toBe('running');
    await screenshot(page, 'cluster-page-rotated');

    // The audit trail's order: every connected acme cluster got the new key version before the
    // old key was deleted (the rotation waits for its clusters).
    const [acme] = (await store.db.select().from(store.t.organizations)).filter(
      (o) => o.slug === 'acme',
    );
    let deleted: { occurredAt: Date } | undefined;
    await expect
      .poll(async () => {
        const events = (await store.db.select().from(store.t.auditEvents)).filter(
          (e) =>
            e.action === 'access_key.deleted' && JSON.stringify(e).includes(before.accessKeyId),
        );
        deleted = events[0];
        return events.length;
      }, SLOW)
      .toBe(1);
    const connected = (await store.db.select().from(store.t.clusters)).filter(
      (c) => c.orgId === acme!.id && c.connectionKind === 'kubeconfig' && !c.deletedAt,
    );
    expect(connected.map((c) => c.name).sort()).toEqual([CLUSTER, 'prod', 'staging']);
    for (const cluster of connected) {
      const delivered = (await store.db.select().from(store.t.auditEvents)).find(
        (e) =>
          e.action === 'externaldns.delivered' &&
          e.target === cluster.name &&
          e.orgId === acme!.id &&
          (e.detail as { keyVersion?: number } | null)?.keyVersion === before.version + 1,
      );
      expect(delivered, `${cluster.name} got key version ${before.version + 1}`).toBeDefined();
      expect(
        delivered!.occurredAt.getTime(),
        `${cluster.name} held the new key before the old one was deleted`,
      ).toBeLessThanOrEqual(deleted!.occurredAt.getTime());
    }
  });

  it('redeploys on request: ExternalDNS is applied again and runs', async () => {
    const { page } = browser;
    const deliveries = async () =>
      (await store.db.select().from(store.t.auditEvents)).filter(
        (e) => e.action === 'externaldns.delivered' && e.target === CLUSTER,
      ).length;
    const before = await deliveries();
    await page.goto(`${baseUrl}/orgs/acme/clusters/${CLUSTER}`);
    await page.getByRole('button', { name: 'Redeploy ExternalDNS' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Redeploy requested');
    await expect.poll(deliveries, SLOW).toBe(before + 1);
    await expect.poll(() => externalDnsState(page), SLOW).toBe('running');
  });

  it('deletes a cluster only once its name is typed, and says what remains to be done', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs/acme/clusters`);
    await page.getByLabel('Name', { exact: true }).fill('scratch');
    await page.getByLabel('Manual: I apply the manifest').check();
    expect(await page.getByLabel('Kubeconfig', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Register cluster' }).click();
    await page.getByRole('status').getByRole('link', { name: 'scratch' }).click();
    await page.waitForURL(`${baseUrl}/orgs/acme/clusters/scratch`);
    expect(await page.getByRole('button', { name: 'Redeploy ExternalDNS' }).count()).toBe(0);

    await page.getByLabel('Type scratch to confirm').fill('scratc');
    await page.getByRole('button', { name: 'Delete cluster' }).click();
    await expect
      .poll(() => page.locator('#field-confirm-error').textContent())
      .toContain('Type the cluster');
    const [live] = (await store.db.select().from(store.t.clusters)).filter(
      (c) => c.name === 'scratch',
    );
    expect(live!.deletedAt).toBeNull();

    await page.getByLabel('Type scratch to confirm').fill('scratch');
    await page.getByRole('button', { name: 'Delete cluster' }).click();
    const remaining = page.getByRole('list', { name: 'Remaining steps' });
    await expect
      .poll(() => remaining.textContent())
      .toContain('kubectl delete namespace external-dns');
    expect(await page.getByRole('heading', { name: 'Cluster deleted' }).count()).toBe(1);
    await screenshot(page, 'cluster-deleted');
    await page.goto(`${baseUrl}/orgs/acme/clusters`);
    expect(
      await page
        .locator('tr[data-cluster-name="scratch"] [data-testid="cluster-status"] [data-status]')
        .getAttribute('data-status'),
    ).toBe('deleted');
    expect(await page.getByRole('link', { name: 'scratch' }).count()).toBe(0);
  });

  it('shows a viewer the clusters and the manifest, but no register form and no actions', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeViewer');
    await page.goto(`${baseUrl}/orgs/acme/clusters`);
    expect(await page.locator(`tr[data-cluster-name="${CLUSTER}"]`).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Register cluster' }).count()).toBe(0);
    expect(await page.getByTestId('clusters-read-only').isVisible()).toBe(true);

    await page.goto(`${baseUrl}/orgs/acme/clusters/${CLUSTER}`);
    for (const name of [/redeploy/i, /set status/i, /delete cluster/i]) {
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
    const manifest = await page.request.get(
      `${baseUrl}/api/orgs/acme/clusters/${CLUSTER}/manifest`,
    );
    expect(manifest.status()).toBe(200);
    const yaml = await manifest.text();
    expect(yaml).toContain('kind: Deployment');
    expect(yaml).toContain('--with-secret');
    expect(yaml).not.toContain('aws_secret_access_key');
    expect(yaml).not.toMatch(/^kind: Secret$/m);
    await screenshot(page, 'cluster-page-viewer');
  });
});
