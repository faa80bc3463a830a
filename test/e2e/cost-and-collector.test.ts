// The cost page and the collector's queue in a real browser, against the sandbox Route 53 and the
// app's own reconciler: an operator sees the cost page with its chart, approves the collection of
// an idle org's zone in manual mode and sees the zone collected; then a cluster of the org starts
// running and the zone comes back as a new generation with a new zone id. For this file the
// collector's grace period is 2 s (the store's "gc" setting, which overrides the environment), so
// a new org with no cluster is idle seconds after its creation; manual mode, the default, keeps
// every deletion waiting for an approval.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore, type Store } from '../../db/open-store';
import { runZk } from '../support/zk-cli';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
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
  let cluster = { uid: '', token: '' };

  const withStore = async <T>(work: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openStore({ dialect: 'sqlite', file: databaseFile });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    await withStore((store) =>
      store.db.insert(store.t.settings).values({ key: 'gc', value: { gracePeriodMs: 2_000 } }),
    );
    browser = await openBrowser();
    await signInAs(browser.page, baseUrl, 'operator');
  });
  afterAll(async () => {
    await browser?.close();
    // The other files see the collector as configured: a day's grace.
    await withStore((store) =>
      store.db.delete(store.t.settings).where(eq(store.t.settings.key, 'gc')),
    );
  });

  const reportCluster = async (status: 'running' | 'stopped') => {
    const reported = await fetch(`${baseUrl}/api/clusters/${cluster.uid}/status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${cluster.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status }),
    });
    expect(reported.status).toBe(200);
  };

  /** The status of the org's newest open decision of this action in the queue, if any. */
  const decisionStatus = (action: 'delete-now' | 'schedule') =>
    withStore(async (store) => {
      const { organizations: o, gcDecisions: d } = store.t;
      const [org] = await store.db.select().from(o).where(eq(o.slug, SLUG));
      const rows = await store.db.select().from(d).where(eq(d.orgId, org!.id));
      return rows
        .filter((r) => r.action === action)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]?.status;
    });

  const orgStatus = () =>
    withStore(async (store) => {
      const o = store.t.organizations;
      const [org] = await store.db.select().from(o).where(eq(o.slug, SLUG));
      return org?.status;
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
    // The collector weighs an org only once the reconciler has provisioned it.
    await expect.poll(orgStatus, SLOW).toBe('ready');
    // The app's reconciler loop runs the collector: within a minute its pass writes the plan into
    // the queue, in manual mode as proposed.
    await expect.poll(() => decisionStatus('delete-now'), SLOW).toBe('proposed');

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
    // Approved, it is due at once: the loop's next pass deletes the delegation, the records, then
    // the zone (it may already be at it by the time the page shows the approval).
    await expect
      .poll(() => decisionStatus('delete-now'), SLOW)
      .toMatch(/^(approved|executing|done)$/);
    const outcome = page
      .getByRole('table', { name: 'Recent decisions' })
      .locator(`tr[data-org-slug="${SLUG}"]`)
      .first();
    await expect
      .poll(async () => {
        await page.reload();
        return (await outcome.count()) > 0 ? outcome.getAttribute('data-decision-status') : null;
      }, SLOW)
      .toBe('done');
    expect(await outcome.textContent()).toContain('collected');

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
    cluster = { uid: uid!, token: token! };
    await reportCluster('running');

    // The loop's next pass sees a running cluster of a collected org: a new generation.
    const generation = () =>
      withStore(async (store) => {
        const o = store.t.organizations;
        const [org] = await store.db.select().from(o).where(eq(o.slug, SLUG));
        return org!.generation;
      });
    await expect.poll(generation, SLOW).toBe(2);
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

  it('schedules a paid zone for just before the 1st; approved, the org page says when and why', async () => {
    const { page } = browser;
    // The zone's return is provisioned to the end before the collector weighs it again.
    await expect.poll(orgStatus, SLOW).toBe('ready');
    // The cluster stops, and the zone is made to look 13 hours old: its free window has closed.
    await reportCluster('stopped');
    const zoneId = await zoneIdOnOrgPage(page);
    await withStore((store) =>
      store.db
        .update(store.t.hostedZones)
        .set({ awsCreatedAt: new Date(Date.now() - 13 * 3_600_000) })
        .where(eq(store.t.hostedZones.awsZoneId, zoneId)),
    );
    // Past the 2 s grace period since the cluster stopped, the loop's next refresh schedules it.
    await expect.poll(() => decisionStatus('schedule'), SLOW).toBe('proposed');

    await page.goto(`${baseUrl}/gc`);
    const queued = page
      .getByRole('table', { name: 'Queue' })
      .locator(`tr[data-org-slug="${SLUG}"]`);
    const text = (await queued.textContent()) ?? '';
    expect(text).toContain('scheduled deletion');
    expect(text).toMatch(/is already paid for, so the zone is kept \(a cluster may come back\)/);
    await page.getByRole('button', { name: `Approve the deletion of ${ZONE}` }).click();
    await expect.poll(() => queued.getAttribute('data-decision-status')).toBe('approved');

    await page.goto(`${baseUrl}/orgs/${SLUG}`);
    const next = nextFirstUtc();
    expect(await page.getByTestId('zone-collection').textContent()).toMatch(
      new RegExp(
        `^Scheduled for deletion at ${lastDayOf(next)} 2\\d:\\d\\d UTC \\(approved\\) because: No running cluster since .*already paid for`,
      ),
    );
    await screenshot(page, 'org-zone-scheduled');
  });

  it('shows a refused force inline with its reason: a pinned org is never collected', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/gc`);
    const planned = page
      .getByRole('table', { name: 'Dry run' })
      .locator(`tr[data-org-slug="${SLUG}"]`);
    await planned.getByRole('button', { name: `Pin ${SLUG}` }).click();
    await expect.poll(() => planned.getAttribute('data-plan-action')).toBe('keep');
    // The pin cancelled the approved deletion.
    expect(
      await page
        .getByRole('table', { name: 'Queue' })
        .locator(`tr[data-org-slug="${SLUG}"]`)
        .count(),
    ).toBe(0);

    await planned.getByRole('button', { name: `Force the deletion of ${ZONE} now` }).click();
    const confirm = planned.getByRole('group', { name: `Confirm forcing ${ZONE}` });
    await confirm.getByLabel(/Type the zone's name/).fill('not-the-zone');
    await confirm.getByRole('button', { name: 'Delete the zone now' }).click();
    await expect
      .poll(() => confirm.getByRole('alert').textContent())
      .toBe(`Type the zone's name, ${ZONE}, to delete it now.`);
    await confirm.getByLabel(/Type the zone's name/).fill(ZONE);
    await confirm.getByRole('button', { name: 'Delete the zone now' }).click();
    await expect
      .poll(() => confirm.getByRole('alert').textContent())
      .toBe(
        `Not forced: ${SLUG} is pinned: its zone is never collected. Unpin it first (zk gc unpin --org ${SLUG}).`,
      );
    expect(await zoneIdOnOrgPage(page)).toMatch(/^Z/);
    expect(await page.getByTestId('zone-pinned').count()).toBe(1);
  });

  it('lets an org admin ask for a pin, which the operators see on the queue page', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeAdmin');
    await page.goto(`${baseUrl}/orgs/acme`);
    await page.getByLabel('Why keep this zone? (optional)').fill('our demo runs on it');
    await page.getByRole('button', { name: 'Ask operators to pin this zone' }).click();
    await expect.poll(() => page.getByTestId('pin-requested').count()).toBe(1);
    // Not the admin's pages: the sidebar has no Cost or Collector, and /gc is a 404.
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Collector' }).count()).toBe(0);
    expect((await page.goto(`${baseUrl}/gc`))?.status()).toBe(404);

    await signInAs(page, baseUrl, 'operator');
    await page.goto(`${baseUrl}/gc`);
    const request = page
      .getByRole('list', { name: 'Pin requests' })
      .locator('li[data-org-slug="acme"]');
    expect(await request.textContent()).toContain('our demo runs on it');
  });
});

/** 00:00 UTC on the next 1st. */
function nextFirstUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/** The UTC date of the day before `first`, as the pages write it (`2026-12-31`). */
function lastDayOf(first: Date): string {
  return new Date(first.getTime() - 1).toISOString().slice(0, 10);
}
