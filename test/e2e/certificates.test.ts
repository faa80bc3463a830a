// The certificates page in a real browser, with the reconciler running in the app: acme's admin
// downloads the CA certificate and sees the certificate of acme's cluster `prod` (registered in
// global-setup) with its names, days left and delivery; on the cluster's page she sees its TLS
// Secrets and sends them to a namespace of her choice (checked with the real kubectl); a viewer
// reads both without the controls; another org's admin gets the 404 page.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { openKubectl, type Kubectl } from './support/kubectl';
import { signInAs } from './support/sign-in';

// Provisioning waits for the reconciler's interval, Route 53 INSYNC and IAM key activation; the
// TLS step runs at the end of the pass that finds the org ready.
const SLOW = { timeout: 120_000, interval: 500 };

describe('Certificates page', () => {
  const baseUrl = inject('baseUrl');
  const databaseFile = inject('databaseFile');
  let browser: BrowserSession;
  let kubectl: Kubectl;

  beforeAll(async () => {
    browser = await openBrowser();
    kubectl = openKubectl(inject('kubeconfigs')['acme-prod']!);
  });
  afterAll(async () => {
    await browser?.close();
    kubectl?.close();
  });

  const storedCaPem = () => {
    const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare(
          `select a.certificate_pem as pem from tls_authorities a join organizations o on o.id = a.org_id where o.slug = 'acme'`,
        )
        .get() as { pem: string } | undefined;
      return row?.pem ?? null;
    } finally {
      db.close();
    }
  };

  it("lets acme's admin download the CA certificate and see the cluster's certificate with its days left", async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeAdmin');
    await page.goto(`${baseUrl}/orgs/acme`);
    await page.getByRole('link', { name: 'Certificates' }).click();
    await page.waitForURL(`${baseUrl}/orgs/acme/certificates`);

    const clusterCard = page.getByTestId('certificate-cluster-prod');
    // The reconciler delivers the cluster's certificate once acme is provisioned.
    await expect
      .poll(async () => {
        await page.reload();
        return (await clusterCard.count()) > 0
          ? await clusterCard.getByTestId('delivery').first().textContent()
          : '';
      }, SLOW)
      .toContain('delivered');
    expect(await clusterCard.getByTestId('days-left').textContent()).toBe('(89 days left)');
    const text = (await clusterCard.textContent()) ?? '';
    expect(text).toContain('*.prod.acme.zonekeeper.test, prod.acme.zonekeeper.test');
    expect(text).toContain('CN=Zonekeeper CA for acme.zonekeeper.test, O=Zonekeeper');
    expect(text).toContain('prod/default/zonekeeper-cluster-tls');
    expect(await page.getByTestId('certificate-org-acme').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Renew prod now' }).count()).toBe(1);
    // No private key on the page.
    expect(await page.content()).not.toMatch(/PRIVATE KEY/);
    await screenshot(page, 'certificates-admin');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('ca-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('acme-ca.pem');
    const pem = fs.readFileSync((await download.path())!, 'utf8');
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect(pem).toBe(storedCaPem());
  });

  it("shows the cluster's TLS Secrets on its page, and delivers them to a namespace the admin adds", async () => {
    const { page } = browser;
    await kubectl.run(['create', 'namespace', 'web-tls']);
    await signInAs(page, baseUrl, 'acmeAdmin');
    await page.goto(`${baseUrl}/orgs/acme/clusters/prod`);
    const secret = (name: string) =>
      page.locator(`[data-testid="tls-secret"][data-secret="${name}"]`);
    const stateOf = async (name: string) =>
      (await secret(name).count()) > 0 ? ((await secret(name).textContent()) ?? '') : '';
    // The zone's certificate goes to the cluster beside its own.
    await expect
      .poll(async () => {
        await page.reload();
        return [
          await stateOf('default/zonekeeper-cluster-tls'),
          await stateOf('default/zonekeeper-org-tls'),
        ].every((state) => state.includes('delivered'));
      }, SLOW)
      .toBe(true);
    expect(await stateOf('default/zonekeeper-cluster-tls')).toMatch(
      /until .+ UTC \(89 days left\)/,
    );
    expect(await page.getByTestId('tls-namespaces').textContent()).toBe('Namespaces: default');

    const field = page.getByLabel('Namespaces that receive the Secrets');
    const save = page.getByRole('button', { name: 'Save namespaces' });
    // A name Kubernetes would refuse: said at the field, nothing changed.
    await field.fill('default, Web TLS');
    await save.click();
    const fieldError = page.locator('#field-namespaces-error');
    await fieldError.waitFor({ timeout: 30_000 });
    expect(await fieldError.textContent()).toContain('"Web TLS" is not a namespace name');
    await page.reload();
    expect(await page.getByTestId('tls-namespaces').textContent()).toBe('Namespaces: default');

    await field.fill('default, web-tls');
    await save.click();
    await expect
      .poll(async () => {
        await page.reload();
        return stateOf('web-tls/zonekeeper-cluster-tls');
      }, SLOW)
      .toContain('delivered');
    expect(await page.getByTestId('tls-namespaces').textContent()).toBe(
      'Namespaces: default, web-tls',
    );
    expect(
      await kubectl.run([
        'get',
        'secret',
        'zonekeeper-cluster-tls',
        '-n',
        'web-tls',
        '-o',
        'jsonpath={.type}',
      ]),
    ).toBe('kubernetes.io/tls');
    expect(await page.content()).not.toMatch(/PRIVATE KEY/);
    await screenshot(page, 'cluster-tls');

    // Taken off the list again: its Secrets leave the namespace.
    await field.fill('default');
    await save.click();
    await expect
      .poll(() => kubectl.run(['get', 'secrets', '-n', 'web-tls', '-o', 'name']), SLOW)
      .not.toContain('zonekeeper');
    expect(await kubectl.run(['get', 'secrets', '-n', 'default', '-o', 'name'])).toContain(
      'secret/zonekeeper-cluster-tls',
    );
  });

  it('shows a viewer the certificates without the renew controls', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeViewer');
    await page.goto(`${baseUrl}/orgs/acme/certificates`);
    expect(await page.getByTestId('certificate-cluster-prod').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Renew/ }).count()).toBe(0);
    expect(await page.getByTestId('certificates-read-only').textContent()).toContain(
      'Only admins of acme and platform operators can renew certificates.',
    );
    await page.goto(`${baseUrl}/orgs/acme/clusters/prod`);
    expect(await page.locator('[data-testid="tls-secret"]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Save namespaces' }).count()).toBe(0);
  });

  it("answers another org's admin with the 404 page", async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'globexAdmin');
    const response = await page.goto(`${baseUrl}/orgs/acme/certificates`);
    expect(response?.status()).toBe(404);
    const download = await page.request.get(`${baseUrl}/api/orgs/acme/tls/ca`);
    expect(download.status()).toBe(404);
  });
});
