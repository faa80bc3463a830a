// Every page at phone, tablet, laptop and desktop widths: nothing wider than the screen, the
// sidebar a menu on narrow screens, one content width for every page. With
// ZK_UPDATE_SCREENSHOTS=1 it also writes the screenshots of docs/screenshots/ (org list, org
// page and a form with errors at 390, 768 and 1440 px).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type BrowserSession } from './support/browser';
import { pageWidths, setWidth, WIDTHS } from './support/layout';
import { signInAs } from './support/sign-in';

const DOCS = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const UPDATE_DOCS = process.env.ZK_UPDATE_SCREENSHOTS === '1';
const PAGES = [
  '/orgs',
  '/orgs/acme',
  '/orgs/acme/members',
  '/orgs/acme/sign-in-settings',
  '/orgs/acme/clusters',
  // A demo cluster, registered by the global setup as npm start does.
  '/orgs/acme/clusters/prod',
  '/cost',
  '/gc',
  '/orgs/acme/hostnames',
  '/orgs/acme/hostnames/delete-orphans',
  '/hostnames',
  '/orgs/acme/certificates',
];

describe('Every width', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
    // Victor's first sign-in makes him a member of acme: a row with a Remove button.
    await signInAs(browser.page, baseUrl, 'acmeViewer');
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
  });

  const contentWidth = (page: Page) =>
    page.locator('main').evaluate((main) => main.firstElementChild!.getBoundingClientRect().width);

  it.each(Object.entries(WIDTHS))(
    'fits every page into %s width (%i px), with one content width',
    async (_name, width) => {
      const { page } = browser;
      await setWidth(page, width);
      const widths = new Set<number>();
      for (const route of PAGES) {
        await page.goto(`${baseUrl}${route}`);
        const { scrollWidth, viewport } = await pageWidths(page);
        expect(scrollWidth, `${route} at ${width} px`).toBeLessThanOrEqual(viewport);
        widths.add(Math.round(await contentWidth(page)));
      }
      expect([...widths], 'content widths').toHaveLength(1);
    },
  );

  it('turns the sidebar into a menu below 1024 px', async () => {
    const { page } = browser;
    await setWidth(page, WIDTHS.phone);
    await page.goto(`${baseUrl}/orgs/acme`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.count()).toBe(0);
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: 'Organizations' }).click();
    await page.waitForURL(`${baseUrl}/orgs`);
    // Chosen: the menu closes.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

    await setWidth(page, WIDTHS.laptop);
    expect(await page.getByRole('button', { name: 'Menu' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
  });

  it('keeps each org status and each Remove button in view on a phone, without scrolling', async () => {
    const { page } = browser;
    await setWidth(page, WIDTHS.phone);
    const rightEdges = (selector: string) =>
      page
        .locator(selector)
        .evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().right));

    await page.goto(`${baseUrl}/orgs`);
    const statuses = await rightEdges('tr[data-org-slug] [data-status]');
    expect(statuses.length).toBeGreaterThan(0);
    for (const right of statuses) expect(right).toBeLessThanOrEqual(WIDTHS.phone);

    await page.goto(`${baseUrl}/orgs/acme/members`);
    const removes = await rightEdges('tr[data-member-email] button');
    expect(removes.length).toBeGreaterThan(0);
    for (const right of removes) expect(right).toBeLessThanOrEqual(WIDTHS.phone);
  });

  it.skipIf(!UPDATE_DOCS)('writes the screenshots of docs/screenshots/', async () => {
    const { page } = browser;
    fs.mkdirSync(DOCS, { recursive: true });
    for (const width of [WIDTHS.phone, WIDTHS.tablet, WIDTHS.desktop]) {
      await setWidth(page, width);
      await page.goto(`${baseUrl}/orgs`);
      await page.screenshot({
        path: path.join(DOCS, `organizations-${width}.png`),
        fullPage: true,
      });
      await page.goto(`${baseUrl}/orgs/acme`);
      await page.screenshot({ path: path.join(DOCS, `org-page-${width}.png`), fullPage: true });
      await page.goto(`${baseUrl}/orgs`);
      await page.getByLabel('Display name').fill('Acme Again');
      await page.getByLabel('Slug').fill('acme');
      await page.getByRole('button', { name: 'Create organization' }).click();
      await expect.poll(() => page.locator('#field-slug-error').count()).toBe(1);
      await page
        .locator('#create-org-title')
        .locator('..')
        .screenshot({ path: path.join(DOCS, `form-errors-${width}.png`) });
    }
    // The README's own pictures, at the desktop width.
    for (const [file, route] of [
      ['organizations.png', '/orgs'],
      ['org-page.png', '/orgs/acme'],
      ['members.png', '/orgs/acme/members'],
    ]) {
      await page.goto(`${baseUrl}${route}`);
      await page.screenshot({ path: path.join(DOCS, file!), fullPage: true });
    }
  });
});
