// The organization page in a real browser against the sandbox AWS and Vault, with the reconciler
// running in the app: live provisioning progress, references to the key but never its secret,
// key rotation, controls by role, and deletion confirmed by the slug.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { signInAs } from './support/sign-in';

const SLUG = 'hooli';
const VAULT_PATH = `zonekeeper/orgs/${SLUG}/route53`;
// Provisioning waits for the reconciler's interval, Route 53 INSYNC and IAM key activation.
const SLOW = { timeout: 90_000, interval: 250 };

interface StoredKey {
  accessKeyId: string;
  secretAccessKey: string;
  version: number;
}

describe('Organization page', () => {
  const baseUrl = inject('baseUrl');
  const vault = inject('vault');
  const route53Endpoint = inject('route53Endpoint');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The org's secret as the sandbox Vault holds it: what the page must never contain. */
  async function readStoredKey(): Promise<StoredKey | null> {
    const response = await fetch(`${vault.address}/v1/secret/data/${VAULT_PATH}`, {
      headers: { 'X-Vault-Token': vault.token },
    });
    if (response.status === 404) return null;
    const body = (await response.json()) as {
      data: { data: Record<string, string>; metadata: { version: number } };
    };
    return {
      accessKeyId: body.data.data.AWS_ACCESS_KEY_ID!,
      secretAccessKey: body.data.data.AWS_SECRET_ACCESS_KEY!,
      version: body.data.metadata.version,
    };
  }

  const orgStatus = (page: Page) =>
    page.getByTestId('org-status').locator('[data-status]').getAttribute('data-status');

  it('follows provisioning live to ready and shows zone, delegation, key and Vault references, never the secret', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs`);
    await page.getByLabel('Display name').fill('Hooli');
    await page.getByLabel('Slug').fill(SLUG);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Created Hooli');

    // The success message links to the new org's page.
    await page.getByRole('status').getByRole('link', { name: 'Hooli' }).click();
    await page.waitForURL(`${baseUrl}/orgs/${SLUG}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hooli');
    // A mark on this document: had the page been reloaded, it would be gone.
    await page.evaluate(() => document.body.setAttribute('data-test-mark', 'loaded-once'));
    expect(await orgStatus(page)).not.toBe('ready');

    await expect.poll(() => orgStatus(page), SLOW).toBe('ready');
    expect(await page.locator('body').getAttribute('data-test-mark')).toBe('loaded-once');

    expect(await page.getByTestId('zone-id').textContent()).toMatch(/^Z[A-Z0-9]+$/);
    const nameServers = page.getByRole('list', { name: 'Name servers' }).getByRole('listitem');
    expect(await nameServers.count()).toBe(4);
    expect(
      await page.getByTestId('delegation').locator('[data-status]').getAttribute('data-status'),
    ).toBe('matches');
    for (const step of ['zone', 'delegation', 'policy', 'user', 'access-key']) {
      const row = page.locator(`tr[data-step="${step}"]`);
      expect(await row.locator('[data-status]').getAttribute('data-status'), step).toBe('ready');
    }

    const stored = await readStoredKey();
    expect(stored).not.toBeNull();
    expect(await page.getByTestId('access-key-id').textContent()).toBe(stored!.accessKeyId);
    expect(await page.getByTestId('vault-path').textContent()).toBe(VAULT_PATH);
    expect(await page.getByTestId('vault-version').textContent()).toBe(String(stored!.version));
    expect(await page.content()).not.toContain(stored!.secretAccessKey);

    // The status the page polls: references only, for members; 401 without a session.
    const api = await page.request.get(`${baseUrl}/api/orgs/${SLUG}/status`);
    expect(api.status()).toBe(200);
    const apiText = await api.text();
    expect(apiText).not.toContain(stored!.secretAccessKey);
    expect(JSON.parse(apiText)).toMatchObject({
      slug: SLUG,
      status: 'ready',
      zone: { delegation: 'matches', nameServers: expect.any(Array) },
      identity: { accessKeyId: stored!.accessKeyId, vaultVersion: stored!.version },
    });
    const anonymous = await fetch(`${baseUrl}/api/orgs/${SLUG}/status`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });

    // The audit trail follows too, newest first: the verified key on top of provisioning (the
    // TLS step of the same pass then records the org's CA and certificate), the creation last.
    const trail = page.getByRole('table', { name: 'Audit trail' }).locator('tbody tr');
    await expect
      .poll(async () =>
        (
          await trail.evaluateAll((rows) =>
            rows.map((row) => row.getAttribute('data-audit-action')),
          )
        ).find((action) => !action?.startsWith('tls.')),
      )
      .toBe('access_key.verified');
    expect(await trail.last().getAttribute('data-audit-action')).toBe('org.created');
    expect(await page.locator('body').getAttribute('data-test-mark')).toBe('loaded-once');
    await screenshot(page, 'org-page');
  });

  it('rotates the access key: a new key id shows and the Vault version goes up by one', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs/${SLUG}`);
    const before = (await readStoredKey())!;
    expect(await page.getByTestId('access-key-id').textContent()).toBe(before.accessKeyId);

    await page.getByRole('button', { name: 'Rotate access key' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Rotation requested');
    await expect
      .poll(async () => {
        const keyId = await page.getByTestId('access-key-id').textContent();
        return keyId !== before.accessKeyId && (await orgStatus(page)) === 'ready';
      }, SLOW)
      .toBe(true);

    const after = (await readStoredKey())!;
    expect(after.version).toBe(before.version + 1);
    expect(await page.getByTestId('access-key-id').textContent()).toBe(after.accessKeyId);
    expect(await page.getByTestId('vault-version').textContent()).toBe(String(after.version));
    const html = await page.content();
    expect(html).not.toContain(after.secretAccessKey);
    expect(html).not.toContain(before.secretAccessKey);
    // The old key is deleted only after the new one is verified, and the trail says so.
    const deleted = page.locator('tr[data-audit-action="access_key.deleted"]');
    await expect.poll(() => deleted.first().textContent()).toContain(before.accessKeyId);
    await screenshot(page, 'org-page-rotated');
  });

  it('shows a viewer no Retry, Rotate or Delete, an admin Rotate but not Delete, and another org nothing', async () => {
    const { page } = browser;
    const controls = /retry now|rotate access key|delete organization/i;

    await signInAs(page, baseUrl, 'acmeViewer');
    await page.goto(`${baseUrl}/orgs/acme`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Acme Corp');
    expect(await page.getByRole('button', { name: controls }).count()).toBe(0);
    expect(await page.getByLabel(/to confirm/).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Audit trail' }).count()).toBe(0);
    // Another org: the same not-found as a missing one, in the page and in its status.
    expect((await page.goto(`${baseUrl}/orgs/${SLUG}`))?.status()).toBe(404);
    expect((await page.request.get(`${baseUrl}/api/orgs/${SLUG}/status`)).status()).toBe(404);

    await signInAs(page, baseUrl, 'acmeAdmin');
    await page.goto(`${baseUrl}/orgs/acme`);
    // acme was seeded at start; the rotate control appears once its key is verified.
    await expect
      .poll(() => page.getByRole('button', { name: 'Rotate access key' }).count(), SLOW)
      .toBe(1);
    expect(await page.getByRole('button', { name: 'Delete organization' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Audit trail' }).count()).toBe(1);
  });

  it('deletes an organization only after its slug is typed, and follows the teardown live', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'operator');
    await page.goto(`${baseUrl}/orgs/${SLUG}`);

    await page.getByLabel(`Type ${SLUG} to confirm`).fill('hooly');
    await page.getByRole('button', { name: 'Delete organization' }).click();
    await expect
      .poll(() => page.locator('#field-confirm-error').textContent())
      .toContain(`Type "${SLUG}" to confirm.`);
    expect(await orgStatus(page)).toBe('ready');

    await page.getByLabel(`Type ${SLUG} to confirm`).fill(SLUG);
    await page.getByRole('button', { name: 'Delete organization' }).click();
    await expect.poll(() => page.getByText(`${SLUG} has been deleted.`).count(), SLOW).toBe(1);
    // Said on the page the person is on; a fresh load is then the deleted org's read-only page,
    // with its whole history, the teardown included.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hooli');
    expect(await readStoredKey()).toBeNull();
    expect((await page.reload())?.status()).toBe(200);
    expect(await orgStatus(page)).toBe('deleted');
    const trail = page.getByRole('table', { name: 'Audit trail' }).locator('tbody tr');
    expect(await trail.first().getAttribute('data-audit-action')).toBe('org.deleted');
    expect(await trail.last().getAttribute('data-audit-action')).toBe('org.created');
    expect(
      await page
        .getByRole('button')
        .filter({ hasText: /delete|rotate|retry/i })
        .count(),
    ).toBe(0);
    expect(await page.title()).toBe('Overview · Hooli · Zonekeeper');
    await screenshot(page, 'org-page-deleted');

    // The list leaves it out, unless asked to show deleted organizations.
    await page.goto(`${baseUrl}/orgs`);
    expect(await page.locator(`tr[data-org-slug="${SLUG}"]`).count()).toBe(0);
    await page.getByRole('link', { name: 'Show deleted organizations' }).click();
    const row = page.locator(`tr[data-org-slug="${SLUG}"]`);
    await expect
      .poll(() => row.locator('[data-status]').getAttribute('data-status'))
      .toBe('deleted');
  });

  it('explains a failing step in words and retries it on request', async () => {
    const { page } = browser;
    const slug = 'pied-piper';
    // Route 53 throttles every CreateHostedZone until the fault is cleared: the adapter's own
    // retries run out and the zone step fails.
    const faults = (method: string, body?: unknown) =>
      fetch(`${route53Endpoint}/_sandbox/faults`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(
      (
        await faults('POST', {
          operation: 'CreateHostedZone',
          errorRate: 1,
          errorKind: 'Throttling',
        })
      ).ok,
    ).toBe(true);
    try {
      await page.goto(`${baseUrl}/orgs`);
      await page.getByLabel('Display name').fill('Pied Piper');
      await page.getByLabel('Slug').fill(slug);
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.getByRole('status').getByRole('link', { name: 'Pied Piper' }).click();
      await page.waitForURL(`${baseUrl}/orgs/${slug}`);

      const zoneStep = page.locator('tr[data-step="zone"]');
      await expect.poll(() => zoneStep.getByTestId('step-error').count(), SLOW).toBe(1);
      expect(await zoneStep.getByTestId('step-error').textContent()).toMatch(
        /^Route 53 is rate-limiting us; retrying at \d\d:\d\d UTC\.$/,
      );
      // Who answered what, as the Route 53 adapter classified it, for an operator to look up.
      expect(await zoneStep.getByTestId('step-error-source').textContent()).toBe(
        'Route 53 Throttling · throttled, clears on its own',
      );
      expect(await orgStatus(page)).toBe('failed');
      await screenshot(page, 'org-page-failed');
    } finally {
      await faults('DELETE');
    }

    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Retry requested');
    await expect.poll(() => orgStatus(page), SLOW).toBe('ready');
    const zoneStep = page.locator('tr[data-step="zone"]');
    expect(Number(await zoneStep.locator('td').nth(2).textContent())).toBeGreaterThanOrEqual(2);
    expect(await zoneStep.getByTestId('step-error').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
  });
});
