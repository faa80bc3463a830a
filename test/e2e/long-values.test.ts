// Long values in a real browser: a 100-character display name without a space and a
// 254-character invited email never make a page wider than the screen, and stay whole on hover.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { pageWidths, setWidth, WIDTHS } from './support/layout';
import { signInAs } from './support/sign-in';

const SLUG = 'long-values';
const LONG_NAME = 'W'.repeat(100);
// 254 characters, the most an address may have: a 64-character local part and a long domain.
const LONG_EMAIL = `${'l'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(56)}.test`;

describe('Long values', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the org list and the org page within the screen with a 100-character name', async () => {
    const { page } = browser;
    expect(LONG_EMAIL).toHaveLength(254);
    await page.goto(`${baseUrl}/orgs`);
    await page.getByLabel('Display name').fill(LONG_NAME);
    await page.getByLabel('Slug').fill(SLUG);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Created');

    for (const path of ['/orgs', `/orgs/${SLUG}`]) {
      for (const width of [WIDTHS.phone, WIDTHS.tablet, WIDTHS.desktop]) {
        await setWidth(page, width);
        await page.goto(`${baseUrl}${path}`);
        const { scrollWidth, viewport } = await pageWidths(page);
        expect(scrollWidth, `${path} at ${width} px`).toBeLessThanOrEqual(viewport);
      }
    }
    // In the list the name is cut to its column, and whole in its title.
    await page.goto(`${baseUrl}/orgs`);
    const name = page.locator(`tr[data-org-slug="${SLUG}"] a [title]`);
    expect(await name.getAttribute('title')).toBe(LONG_NAME);
    await screenshot(page, 'long-name-orgs-phone');
  });

  it('keeps the Revoke button in view next to a 254-character invited email', async () => {
    const { page } = browser;
    await setWidth(page, WIDTHS.desktop);
    // globex: acme's invitations are counted by the invitation tests.
    await page.goto(`${baseUrl}/orgs/globex/members`);
    await page.getByLabel('Email').fill(LONG_EMAIL);
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Invited');

    const row = page.locator(`tr[data-invitation-email="${LONG_EMAIL}"]`);
    const revoke = row.getByRole('button', { name: /Revoke/ });
    const box = await revoke.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTHS.desktop);
    expect(await row.locator(`[title="${LONG_EMAIL}"]`).count()).toBe(1);

    for (const width of [WIDTHS.phone, WIDTHS.tablet, WIDTHS.desktop]) {
      await setWidth(page, width);
      await page.reload();
      const { scrollWidth, viewport } = await pageWidths(page);
      expect(scrollWidth, `members at ${width} px`).toBeLessThanOrEqual(viewport);
    }
    await screenshot(page, 'long-email-members');
  });
});
