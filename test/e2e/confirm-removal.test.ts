// Destructive row actions in a real browser: Revoke and Remove only ask at first, naming what
// will go; Cancel leaves everything as it was, and only the confirmation acts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { signInAs } from './support/sign-in';

const EMAIL = 'confirm-me@example.test';

describe('Confirmation before removal', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
    // Victor becomes a member of acme at his first sign-in: a member for Ada to (not) remove.
    await signInAs(browser.page, baseUrl, 'acmeViewer');
    await signInAs(browser.page, baseUrl, 'acmeAdmin');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('revokes an invitation only after a confirmation that names it', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs/acme/members`);
    expect(await page.title()).toBe('Members · Acme Corp · Zonekeeper');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByRole('button', { name: 'Invite' }).click();
    const row = page.locator(`tr[data-invitation-email="${EMAIL}"]`);
    await expect.poll(() => row.count()).toBe(1);

    // One click asks, and acts on nothing.
    await row.getByRole('button', { name: `Revoke the invitation of ${EMAIL}` }).click();
    const question = row.getByTestId('confirm-question');
    expect(await question.textContent()).toContain(`Revoke the invitation of ${EMAIL} to acme?`);
    await screenshot(page, 'revoke-confirmation');
    await page.reload();
    expect(await row.count()).toBe(1);

    // Cancel takes the question back.
    await row.getByRole('button', { name: /Revoke the invitation/ }).click();
    await row.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.getByTestId('confirm-question').count()).toBe(0);
    expect(await row.count()).toBe(1);

    // The confirmation acts.
    await row.getByRole('button', { name: /Revoke the invitation/ }).click();
    await row.getByRole('button', { name: 'Revoke invitation' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.reload();
    expect(await page.locator(`tr[data-invitation-email="${EMAIL}"]`).count()).toBe(0);
  });

  it('asks before removing a member, naming the person and the org', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs/acme/members`);
    const remove = page.getByRole('button', { name: /^Remove .+ from acme$/ }).first();
    const accessibleName = (await remove.getAttribute('aria-label'))!;
    const email = accessibleName.replace(/^Remove /, '').replace(/ from acme$/, '');
    await remove.click();
    const question = page.getByTestId('confirm-question');
    expect(await question.textContent()).toContain(`Remove ${email} from acme?`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.reload();
    expect(await page.locator(`tr[data-member-email="${email.toLowerCase()}"]`).count()).toBe(1);
  });
});
