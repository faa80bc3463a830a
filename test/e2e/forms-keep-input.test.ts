// Forms in a real browser: a failed save keeps every field as it was typed and says what is
// wrong beside the field, the same way in every form.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { signInAs } from './support/sign-in';

describe('Forms keep what was typed', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps both fields of the create form when the slug is taken, with the error at the slug', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs`);
    const rowsBefore = await page.locator('tr[data-org-slug]').count();
    await page.getByLabel('Display name').fill('Acme Again, Inc.');
    await page.getByLabel('Slug').fill('acme');
    await page.getByRole('button', { name: 'Create organization' }).click();

    const error = page.locator('#field-slug-error');
    await expect.poll(() => error.textContent()).toContain('"acme" is already taken');
    expect(await page.getByLabel('Display name').inputValue()).toBe('Acme Again, Inc.');
    expect(await page.getByLabel('Slug').inputValue()).toBe('acme');
    expect(await page.getByLabel('Slug').getAttribute('aria-invalid')).toBe('true');
    // The error is announced with its field.
    expect(await page.getByLabel('Slug').getAttribute('aria-describedby')).toContain(
      'field-slug-error',
    );
    expect(await page.locator('tr[data-org-slug]').count()).toBe(rowsBefore);
  });

  it('keeps the email and the chosen role of the invite form when the email is refused', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs/acme/members`);
    await page.getByLabel('Email').fill('not-an-address');
    await page.getByLabel('Role').selectOption('admin');
    await page.getByRole('button', { name: 'Invite' }).click();

    const error = page.locator('#field-email-error');
    await expect.poll(() => error.textContent()).toContain('Enter a valid email address');
    expect(await page.getByLabel('Email').inputValue()).toBe('not-an-address');
    expect(await page.getByLabel('Role').inputValue()).toBe('admin');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('tr[data-invitation-email="not-an-address"]').count()).toBe(0);
    await screenshot(page, 'invite-refused');
  });
});
