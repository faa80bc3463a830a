// Invitations in a real browser: a person of the platform IdP who is no operator sees no
// organization and is told how to get one; an acme admin invites her as a viewer; at her next
// sign-in she sees acme, and only acme, read-only.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { expectSignedInAs, signInAs } from './support/sign-in';

const IVY = 'ivy@platform.test';

describe('Invitations', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const listedOrgs = (page: Page) =>
    page
      .locator('tr[data-org-slug]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-org-slug')));

  it('shows a person of the platform IdP who is not invited no organization, and how to get one', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'invited');
    await expectSignedInAs(page, 'Ivy Invited');
    expect(new URL(page.url()).pathname).toBe('/orgs');
    expect(await listedOrgs(page)).toEqual([]);
    const empty = await page.getByTestId('no-organizations').textContent();
    expect(empty).toContain('You are not a member of any organization yet');
    expect(empty).toContain(`Ask an admin of your organization to invite ${IVY}`);
    expect(await page.getByRole('button', { name: 'Create organization' }).count()).toBe(0);
    await screenshot(page, 'orgs-not-a-member');

    const response = await page.goto(`${baseUrl}/orgs/acme`);
    expect(response?.status()).toBe(404);
  });

  it('lets an acme admin invite her as a viewer, and refuses the same invitation twice', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeAdmin');
    await page.goto(`${baseUrl}/orgs/acme`);
    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(`${baseUrl}/orgs/acme/members`);

    await page.getByLabel('Email').fill(IVY);
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain(`Invited ${IVY} as viewer`);
    const pending = page.locator(`tr[data-invitation-email="${IVY}"]`);
    expect(await pending.count()).toBe(1);
    expect(await pending.textContent()).toContain('ada@acme.test');

    await page.getByLabel('Email').fill(IVY.toUpperCase());
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect
      .poll(() => page.locator('#field-email-error').textContent())
      .toContain(`${IVY} is already invited to acme`);
    expect(await page.getByLabel('Email').inputValue()).toBe(IVY.toUpperCase());
    expect(await page.locator('tr[data-invitation-email]').count()).toBe(1);
  });

  it('makes her a viewer of acme, and of acme only, at her next platform sign-in', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'invited');
    await expectSignedInAs(page, 'Ivy Invited');
    expect(await listedOrgs(page)).toEqual(['acme']);

    await page.getByRole('link', { name: 'Acme Corp' }).click();
    await page.waitForURL(`${baseUrl}/orgs/acme`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Acme Corp');
    expect(await page.getByRole('link', { name: 'Sign-in settings' }).count()).toBe(0);
    for (const name of [/delete/i, /rotate/i, /retry/i]) {
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    }

    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(`${baseUrl}/orgs/acme/members`);
    const ivy = page.locator(`tr[data-member-email="${IVY}"]`);
    expect(await ivy.locator('[data-role]').getAttribute('data-role')).toBe('viewer');
    expect(await ivy.locator('[data-source]').getAttribute('data-source')).toBe('invitation');
    expect(await page.getByTestId('members-read-only').textContent()).toContain(
      'Only admins of acme',
    );
    expect(await page.getByRole('button', { name: 'Invite' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /remove|revoke/i }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Pending invitations' }).count()).toBe(0);

    const response = await page.goto(`${baseUrl}/orgs/globex/members`);
    expect(response?.status()).toBe(404);
  });

  it('shows the admin that she joined through the invitation, which is no longer pending', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeAdmin');
    await page.goto(`${baseUrl}/orgs/acme/members`);
    const ivy = page.locator(`tr[data-member-email="${IVY}"]`);
    expect(await ivy.textContent()).toContain('Ivy Invited');
    expect(await ivy.locator('[data-source]').textContent()).toBe('invitation');
    expect(await ivy.getByRole('button', { name: `Remove ${IVY} from acme` }).count()).toBe(1);
    expect(await page.locator('tr[data-invitation-email]').count()).toBe(0);
    await screenshot(page, 'members');
  });
});
