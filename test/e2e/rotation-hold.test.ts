// A key rotation held by a cluster, in a real browser: the org page names the connected cluster
// that cannot take the new key (with why and the next retry), says the manual one is not waited
// for, and lets an operator delete the old key only through a confirmation naming the cluster.
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { signInAs } from './support/sign-in';

const SLUG = 'umbrella';
// Provisioning waits for the reconciler's interval, Route 53 INSYNC and IAM key activation.
const SLOW = { timeout: 90_000, interval: 250 };

describe('Key rotation held by a cluster', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;
  let store: Store;

  beforeAll(async () => {
    browser = await openBrowser();
    store = await openStore({ dialect: 'sqlite', file: inject('databaseFile') });
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
    await store?.close();
  });

  const credential = async () => {
    const [org] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, SLUG));
    const [row] = await store.db
      .select()
      .from(store.t.iamCredentials)
      .where(eq(store.t.iamCredentials.orgId, org!.id));
    return { org: org!, credential: row! };
  };

  it('names the cluster that holds the old key, and deletes it only once the operator confirms', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs`);
    await page.getByLabel('Display name').fill('Umbrella');
    await page.getByLabel('Slug').fill(SLUG);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Created Umbrella');
    await page.goto(`${baseUrl}/orgs/${SLUG}`);
    const status = page.getByTestId('org-status').locator('[data-status]');
    await expect.poll(() => status.getAttribute('data-status'), SLOW).toBe('ready');

    // A connected cluster that can no longer be reached (its kubeconfig is gone from Vault, as
    // after a botched restore) and a manual one, as registration would have left them.
    const { org, credential: before } = await credential();
    for (const [name, connectionKind] of [
      ['prod', 'kubeconfig'],
      ['edge', 'manual'],
    ] as const) {
      const uid = `zkc-${randomBytes(12).toString('hex')}`;
      await store.db.insert(store.t.clusters).values({
        id: randomUUID(),
        orgId: org.id,
        name,
        uid,
        connectionKind,
        kubeconfigVaultPath:
          connectionKind === 'kubeconfig'
            ? `zonekeeper/orgs/${SLUG}/clusters/${uid}/kubeconfig`
            : null,
        externalDnsState: 'running',
        credentialsVaultVersion: before.vaultVersion,
      });
    }

    await page.getByRole('button', { name: 'Rotate access key' }).click();
    const blocker = page.locator('[data-testid="rotation-blocker"][data-cluster="prod"]');
    await expect.poll(() => blocker.textContent(), SLOW).toMatch(/kubeconfig is missing/);
    expect(await blocker.textContent()).toMatch(
      /^Rotation waiting for cluster prod \(.+\) — next retry at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    const hold = page.locator('section[aria-labelledby="rotation-hold-title"]');
    expect(await hold.textContent()).toContain(before.accessKeyId);
    expect(await hold.textContent()).toContain(
      `edge is manual, so it is not waited for: its admin must apply the new Secret (zk externaldns manifest --org ${SLUG} --cluster edge --with-secret).`,
    );
    expect(await page.locator('[data-testid="rotation-blocker"]').count()).toBe(1);
    const held = (await credential()).credential;
    expect(held.accessKeyId).not.toBe(before.accessKeyId);
    expect(held.retiringAccessKeyId).toBe(before.accessKeyId);
    // No third key can be asked for while the old one waits.
    expect(await page.getByRole('button', { name: 'Rotate access key' }).count()).toBe(0);
    await screenshot(page, 'rotation-held');

    // One click asks, naming the cluster that breaks; Cancel takes the question back.
    await hold.getByRole('button', { name: 'Delete the old key now' }).click();
    const question = hold.getByTestId('confirm-question');
    expect(await question.textContent()).toBe(
      `Delete the old key ${before.accessKeyId} now? prod will break: ExternalDNS there keeps the deleted key until the reconciler delivers the new one.`,
    );
    await screenshot(page, 'rotation-force-confirmation');
    await hold.getByRole('button', { name: 'Cancel' }).click();
    expect(await hold.getByTestId('confirm-question').count()).toBe(0);
    expect((await credential()).credential.retiringAccessKeyId).toBe(before.accessKeyId);

    await hold.getByRole('button', { name: 'Delete the old key now' }).click();
    await hold.getByRole('button', { name: 'Delete old key' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({
            hasText: 'clusters still on it get the new key when the reconciler reaches them',
          })
          .count(),
      )
      .toBe(1);
    expect(await hold.count()).toBe(0);
    expect((await credential()).credential.retiringAccessKeyId).toBeNull();
    const trail = page.locator('tr[data-audit-action="access_key.force_retired"]');
    await expect.poll(() => trail.first().textContent()).toContain(before.accessKeyId);
  });
});
