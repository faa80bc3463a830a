// The Organizations page in a real browser: create through the form, refuse bad input.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { signInAs } from './support/sign-in';

describe('Organizations page', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
    // Creating organizations is a platform operator's permission.
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates an organization through the form and lists it as pending', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs`);
    await page.getByLabel('Display name').fill('Initech');
    await page.getByLabel('Slug').fill('initech');
    await page.getByRole('button', { name: 'Create organization' }).click();

    await expect.poll(() => page.getByRole('status').textContent()).toContain('Created Initech');
    const row = page.locator('tr[data-org-slug="initech"]');
    await expect.poll(() => row.textContent()).toContain('initech.zonekeeper.test');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('pending');

    await page.reload();
    expect(await page.locator('tr[data-org-slug="initech"]').count()).toBe(1);
    await screenshot(page, 'orgs-created');
  });

  it('shows what is wrong with a bad slug and creates nothing', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs`);
    const rowsBefore = await page.locator('tbody tr').count();

    await page.getByLabel('Display name').fill('Bad Corp');
    await page.getByLabel('Slug').fill('Bad_Corp');
    await page.getByRole('button', { name: 'Create organization' }).click();

    const slugError = page.locator('#field-slug-error');
    await expect.poll(() => slugError.textContent()).toMatch(/lower-case.*"bad-corp"/);
    expect(await page.getByLabel('Slug').getAttribute('aria-invalid')).toBe('true');
    // The submitted values stay in the form so the person can correct them.
    expect(await page.getByLabel('Slug').inputValue()).toBe('Bad_Corp');
    await screenshot(page, 'orgs-bad-slug');

    await page.reload();
    expect(await page.locator('tbody tr').count()).toBe(rowsBefore);
    expect(await page.locator('tr[data-org-slug="bad-corp"]').count()).toBe(0);
  });
});
