// The cost page and the collector's queue in a real browser, against the sandbox Route 53 and the
// app's own reconciler: an operator sees the cost page with its chart, approves the collection of
// an idle org's zone in manual mode and sees the zone collected; then a cluster of the org starts
// running and the zone comes back as a new generation with a new zone id. The e2e server's grace
// period is 2 s, so a new org with no cluster is idle seconds after its creation.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runZk } from '../support/zk-cli';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { runCollectorPass } from './support/collector-pass';
import { signInAs } from './support/sign-in';

const SLUG = 'vandelay';
const ZONE = `${SLUG}.zonekeeper.test`;
// Provisioning waits for the reconciler's interval, Route 53 INSYNC and IAM key activation.
const SLOW = { timeout: 90_000, interval: 500 };

describe('Cost page and collector', () => {
  const baseUrl = inject('baseUrl');
  const appEnv = inject('appEnv');
  const databaseFile = inject('databaseFile');
  let browser: BrowserSession;
  let firstZoneId = '';

  beforeAll(async () => {
    browser = await openBrowser();
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
  });

  const zoneIdOnOrgPage = async (page: Page) => {
    await page.goto(`${baseUrl}/orgs/${SLUG}`);
    const zoneId = page.getByTestId('zone-id');
    return (await zoneId.count()) > 0 ? ((await zoneId.textContent()) ?? '') : '';
  };

  it('creates an org whose zone the org page prices: free window, this month, next charge', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs`);
    await page.getByLabel('Display name').fill('Vandelay');
    await page.getByLabel('Slug').fill(SLUG);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Created Vandelay');
    await expect.poll(() => zoneIdOnOrgPage(page), SLOW).toMatch(/^Z[A-Z0-9]+$/);
    firstZoneId = await zoneIdOnOrgPage(page);
    // Until the reconciler's pass after the zone step, the card may not have its zone yet.
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('free-window').count();
      }, SLOW)
      .toBe(1);
    expect(await page.getByTestId('free-window').textContent()).toMatch(/^11 h \d+ min left/);
    expect(await page.getByTestId('charged-this-month').textContent()).toBe(
      '$0.50 charged (waived if deleted inside the free window)',
    );
    expect(await page.getByTestId('next-charge').textContent()).toMatch(
      /^\$0\.50 at \d{4}-\d{2}-01 00:00 UTC$/,
    );
  });

  it('shows the operator the cost page with its monthly chart, the table beside it and the CSV', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Cost' })
      .click();
    await page.waitForURL(`${baseUrl}/cost`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Cost');
    // The chart library loads on this page only, after the page itself: its bars are SVG.
    const chart = page.getByTestId('monthly-cost-chart');
    await expect.poll(() => chart.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const months = page.getByRole('table', { name: 'Cost by month' }).locator('tbody tr');
    expect(await months.count()).toBe(13);
    expect(await months.last().textContent()).toContain('(projected)');
    const row = page
      .getByRole('table', { name: 'Cost by organization' })
      .locator(`tr[data-org-slug="${SLUG}"]`);
    expect(await row.locator('td').allTextContents()).toEqual([
      '1',
      '$0.50',
      '$0.50',
      '$0.00',
      '$0.00',
    ]);
    await screenshot(page, 'cost-page');

    const csv = await page.request.get(`${baseUrl}/api/cost/csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')).toContainEqual(
      expect.stringMatching(new RegExp(`^${SLUG},1,0\\.5000,0\\.5000,0\\.0000,0\\.0000,`)),
    );

    // "What if it were then": before the org existed, it has no line.
    await page.goto(`${baseUrl}/cost?at=2026-01-01T00:00:00Z`);
    expect(await page.getByTestId('cost-as-of').textContent()).toBe('As of 2026-01-01 00:00 UTC');
    expect(await page.locator(`tr[data-org-slug="${SLUG}"]`).count()).toBe(0);
  });

  it('in manual mode, approves the proposed deletion on the queue page and the zone is collected', async () => {
    const { page } = browser;
    // The collector's pass writes the plan into the queue: in manual mode, proposed.
    const proposing = await runCollectorPass(appEnv, databaseFile);
    expect(proposing.queue).toContainEqual({ org: SLUG, zoneId: firstZoneId, change: 'proposed' });

    await page.goto(`${baseUrl}/orgs`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Collector' })
      .click();
    await page.waitForURL(`${baseUrl}/gc`);
    expect(await page.getByTestId('gc-mode').getAttribute('data-mode')).toBe('manual');
    const queued = page
      .getByRole('table', { name: 'Queue' })
      .locator(`tr[data-org-slug="${SLUG}"]`);
    expect(await queued.getAttribute('data-decision-status')).toBe('proposed');
    const text = (await queued.textContent()) ?? '';
    expect(text).toContain(ZONE);
    expect(text).toContain('delete now');
    expect(text).toContain('$0.50');
    expect(text).toMatch(/No cluster since the organization was created .*it costs nothing/);
    // The dry run gives the same decision, written nowhere.
    expect(
      await page
        .getByRole('table', { name: 'Dry run' })
        .locator(`tr[data-org-slug="${SLUG}"]`)
        .getAttribute('data-plan-action'),
    ).toBe('delete-now');
    await screenshot(page, 'collector-queue');

    await page.getByRole('button', { name: `Approve the deletion of ${ZONE}` }).click();
    await expect.poll(() => queued.getAttribute('data-decision-status')).toBe('approved');

    const collecting = await runCollectorPass(appEnv, databaseFile);
    expect(collecting.collections).toContainEqual(
      expect.objectContaining({ org: SLUG, zoneId: firstZoneId, outcome: 'collected' }),
    );
    await page.reload();
    expect(
      await page
        .getByRole('table', { name: 'Recent decisions' })
        .locator(`tr[data-org-slug="${SLUG}"]`)
        .first()
        .textContent(),
    ).toContain('collected');

    await page.goto(`${baseUrl}/orgs/${SLUG}`);
    expect(await page.getByTestId('zone-collected').textContent()).toMatch(
      /^Zone collected — it comes back when a cluster runs\./,
    );
    await screenshot(page, 'org-zone-collected');
  });

  it('brings the zone back as a new generation once a cluster of the org runs', async () => {
    const { page } = browser;
    const registered = await runZk({ ...process.env, ...appEnv }, [
      'clusters',
      'register',
      '--org',
      SLUG,
      '--name',
      'prod',
    ]);
    expect(registered.code, registered.stderr).toBe(0);
    const uid = /with UID (\S+),/.exec(registered.stdout)?.[1];
    const token = /Status token[^:]*: (\S+)/.exec(registered.stdout)?.[1];
    expect(uid && token).toBeTruthy();
    const reported = await fetch(`${baseUrl}/api/clusters/${uid}/status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'running' }),
    });
    expect(reported.status).toBe(200);

    const returning = await runCollectorPass(appEnv, databaseFile);
    expect(returning.returns).toContainEqual({ org: SLUG, generation: 2, cluster: 'prod' });
    // The app's reconciler makes the new zone: a new CallerReference, so a new zone id.
    await expect
      .poll(() => zoneIdOnOrgPage(page), SLOW)
      .toMatch(new RegExp(`^(?!${firstZoneId}$)Z[A-Z0-9]+$`));
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('free-window').count();
      }, SLOW)
      .toBe(1);
    expect(await page.getByTestId('zone-collected').count()).toBe(0);
    await screenshot(page, 'org-zone-back');
  });
});
