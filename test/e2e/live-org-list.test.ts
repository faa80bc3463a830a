// The Organizations page follows provisioning live: a new org's status moves from pending to
// ready in its row without the page being loaded again.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { signInAs } from './support/sign-in';

const SLUG = 'live-list';
// Provisioning waits for the reconciler's interval, Route 53 INSYNC and IAM key activation.
const SLOW = { timeout: 90_000, interval: 250 };

describe('Live organization list', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("moves a new org's status to ready in the list without a reload", async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs`);
    // A mark on this document: had the page been loaded again, it would be gone.
    await page.evaluate(() => document.body.setAttribute('data-test-mark', 'loaded-once'));
    await page.getByLabel('Display name').fill('Live List');
    await page.getByLabel('Slug').fill(SLUG);
    await page.getByRole('button', { name: 'Create organization' }).click();

    const status = page.locator(`tr[data-org-slug="${SLUG}"] [data-status]`);
    await expect.poll(() => status.getAttribute('data-status')).not.toBe(null);
    const seen = new Set<string>();
    await expect
      .poll(async () => {
        const value = (await status.getAttribute('data-status')) ?? '';
        seen.add(value);
        return value;
      }, SLOW)
      .toBe('ready');
    // It was somewhere else first: the row changed under the person's eyes.
    expect([...seen].some((value) => value !== 'ready')).toBe(true);
    expect(await page.locator('body').getAttribute('data-test-mark')).toBe('loaded-once');

    // The success message links to the new org.
    const link = page.getByRole('status').getByRole('link', { name: 'Live List' });
    expect(await link.getAttribute('href')).toBe(`/orgs/${SLUG}`);
    await screenshot(page, 'orgs-live-ready');
  });
});
