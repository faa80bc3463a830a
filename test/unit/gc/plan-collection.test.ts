import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  planCollection,
  type ExistingGcDecision,
  type GcCluster,
  type GcSettings,
  type GcZone,
  type PlanCollectionInput,
} from '@/server/gc/plan-collection';

const t = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const MIN = 60_000;
const settings: GcSettings = {
  gracePeriodMs: 24 * HOUR,
  safetyMarginMs: 30 * MIN,
  mode: 'automatic',
  teardownCalls: { perZone: 6, perThousandRecords: 6 },
  route53RequestsPerSecond: 2,
};
const org = (slug: string, createdAt = '2026-01-01T00:00:00Z') => ({
  id: `org-${slug}`,
  slug,
  createdAt: t(createdAt),
});
const zone = (slug: string, createdAt: string, extra: Partial<GcZone> = {}): GcZone => ({
  orgId: `org-${slug}`,
  zoneId: `Z-${slug}`,
  createdAt: t(createdAt),
  deletedAt: null,
  recordCount: 0,
  ...extra,
});
const cluster = (
  slug: string,
  status: GcCluster['status'],
  stoppedAt: string | null = null,
  createdAt = '2026-01-02T00:00:00Z',
): GcCluster => ({
  orgId: `org-${slug}`,
  name: `${slug}-prod`,
  status,
  createdAt: t(createdAt),
  stoppedAt: stoppedAt === null ? null : t(stoppedAt),
});

function plan(over: Partial<PlanCollectionInput> & { now: Date }) {
  return planCollection({
    orgs: [],
    zones: [],
    clusters: [],
    settings,
    pins: new Set(),
    decisions: [],
    otherAccountZones: 1,
    ...over,
  });
}
const one = (over: Partial<PlanCollectionInput> & { now: Date }) => plan(over)[0]!;

describe('planCollection: one zone', () => {
  const idle = {
    orgs: [org('acme')],
    clusters: [cluster('acme', 'stopped', '2026-12-01T00:00:00Z')],
  };

  it('keeps a zone whose org has a running cluster', () => {
    const d = one({
      orgs: [org('acme')],
      zones: [zone('acme', '2026-11-01T00:00:00Z')],
      clusters: [cluster('acme', 'running')],
      now: t('2026-12-20T00:00:00Z'),
    });
    expect(d).toMatchObject({ action: 'keep', at: null, needsApproval: false });
    expect(d.reason).toMatch(/acme-prod is running/);
  });

  it('never collects a pinned org', () => {
    const d = one({
      ...idle,
      zones: [zone('acme', '2026-12-20T00:00:00Z')],
      pins: new Set(['org-acme']),
      now: t('2026-12-20T01:00:00Z'),
    });
    expect(d).toMatchObject({ action: 'keep' });
    expect(d.reason).toMatch(/pinned/);
  });

  it('keeps the zone of an org the reconciler is still provisioning', () => {
    const d = one({
      ...idle,
      orgs: [{ ...org('acme'), provisioning: true }],
      zones: [zone('acme', '2026-12-20T00:00:00Z')],
      now: t('2026-12-20T01:00:00Z'),
    });
    expect(d).toMatchObject({ action: 'keep', at: null });
    expect(d.reason).toMatch(/still provisioning/);
  });

  it('gives a new org the grace period before its first cluster', () => {
    const input = {
      orgs: [org('new', '2026-12-20T00:00:00Z')],
      zones: [zone('new', '2026-12-20T00:05:00Z')],
    };
    const during = one({ ...input, now: t('2026-12-20T11:00:00Z') });
    expect(during).toMatchObject({ action: 'keep' });
    expect(during.reason).toMatch(/new organization has a grace period until 2026-12-21T00:00:00Z/);
    const after = one({ ...input, now: t('2026-12-21T00:00:00Z') });
    expect(after.action).toBe('schedule');
  });

  it('keeps an org inside the grace period after its last cluster stopped', () => {
    const d = one({
      ...idle,
      clusters: [cluster('acme', 'stopped', '2026-12-19T12:00:00Z')],
      zones: [zone('acme', '2026-11-01T00:00:00Z')],
      now: t('2026-12-20T11:59:00Z'),
    });
    expect(d.action).toBe('keep');
    expect(d.reason).toMatch(/grace period ends at 2026-12-20T12:00:00Z/);
  });

  it('counts a registered (pending) cluster as activity that restarts the grace period', () => {
    const clusters = [cluster('acme', 'pending', null, '2026-12-20T00:00:00Z')];
    expect(
      one({
        orgs: [org('acme')],
        clusters,
        zones: [zone('acme', '2026-11-01T00:00:00Z')],
        now: t('2026-12-20T12:00:00Z'),
      }).action,
    ).toBe('keep');
  });

  it.each([
    ['11:29 (before 12 h minus the margin)', 11 * HOUR + 29 * MIN, 'delete-now'],
    ['11:30 (exactly at the margin)', 11 * HOUR + 30 * MIN, 'schedule'],
    ['11:59', 11 * HOUR + 59 * MIN, 'schedule'],
    ['12:00', 12 * HOUR, 'schedule'],
    ['12:01', 12 * HOUR + MIN, 'schedule'],
  ])('an idle zone at %s after creation: %s', (_l, age, action) => {
    const createdAt = '2026-12-10T08:00:00Z';
    const d = one({
      ...idle,
      settings: { ...settings, gracePeriodMs: 0 },
      zones: [zone('acme', createdAt)],
      now: new Date(t(createdAt).getTime() + age),
    });
    expect(d.action).toBe(action);
    if (action === 'delete-now') {
      expect(d.at).toEqual(new Date(t(createdAt).getTime() + age));
      expect(d.reason).toMatch(/free window closes at 2026-12-10T20:00:00Z.*costs nothing/);
      expect(d.savesUsd).toBe(0.5);
    }
  });

  it('schedules an older zone for the window just before the next 1st 00:00 UTC, sized by its calls', () => {
    const d = one({
      ...idle,
      zones: [zone('acme', '2026-11-01T00:00:00Z', { recordCount: 2_500 })],
      now: t('2026-12-20T00:00:00Z'),
    });
    // 6 + 3 × 6 = 24 calls at 2/s = 12 s, ending 30 min before midnight.
    expect(d).toMatchObject({
      action: 'schedule',
      teardownCalls: 24,
      savesUsd: 0.5,
      at: t('2026-12-31T23:29:48Z'),
    });
    expect(d.reason).toMatch(
      /December 2026 is already paid for.*before 2027-01-01T00:00:00Z: 24 teardown calls at 2 requests\/s/,
    );
  });

  it('handles the zone created at 23:50 UTC on the last day of a month', () => {
    const zones = [zone('acme', '2026-12-31T23:50:00Z')];
    const s = { ...settings, gracePeriodMs: 0 };
    expect(one({ ...idle, settings: s, zones, now: t('2026-12-31T23:55:00Z') })).toMatchObject({
      action: 'delete-now',
      savesUsd: 1,
    });
    // Past 12 h minus the margin it is paid for twice already; next window is before February.
    const later = one({ ...idle, settings: s, zones, now: t('2027-01-01T11:30:00Z') });
    expect(later.action).toBe('schedule');
    expect(later.at!.toISOString().slice(0, 10)).toBe('2027-01-31');
  });

  it('starts at once when the window has begun, and moves to the next 1st what cannot finish', () => {
    const zones = [zone('acme', '2026-11-01T00:00:00Z', { teardownCalls: 100 })];
    const inWindow = one({ ...idle, zones, now: t('2026-12-31T23:59:30Z') });
    expect(inWindow).toMatchObject({ action: 'schedule', at: t('2027-01-31T23:29:10Z') });
    expect(inWindow.reason).toMatch(/could not finish before the earlier 1st/);
    const late = one({ ...idle, zones, now: t('2026-12-31T23:58:00Z') });
    expect(late).toMatchObject({ at: t('2026-12-31T23:58:00Z') });
    expect(late.reason).toMatch(/already begun, so it starts now/);
  });

  it('handles the leap day: February 2028 ends on the 29th', () => {
    const d = one({
      ...idle,
      zones: [zone('acme', '2028-01-10T00:00:00Z')],
      now: t('2028-02-29T12:00:00Z'),
    });
    expect(d.at).toEqual(t('2028-02-29T23:29:57Z'));
  });

  it('cancels a scheduled deletion when a cluster runs again, or the org is pinned', () => {
    const decisions: ExistingGcDecision[] = [
      { orgId: 'org-acme', zoneId: 'Z-acme', action: 'schedule', status: 'scheduled' },
    ];
    const now = t('2026-12-20T00:00:00Z');
    const zones = [zone('acme', '2026-11-01T00:00:00Z')];
    const running = one({
      orgs: [org('acme')],
      clusters: [cluster('acme', 'running')],
      zones,
      decisions,
      now,
    });
    expect(running).toMatchObject({ action: 'cancel', at: now });
    expect(running.reason).toMatch(/Cancel the scheduled deletion. Cluster acme-prod is running/);
    expect(one({ ...idle, zones, decisions, pins: new Set(['org-acme']), now }).action).toBe(
      'cancel',
    );
    // A finished or cancelled decision is history, not something to cancel.
    const done = [{ ...decisions[0]!, status: 'cancelled' as const }];
    expect(
      one({
        orgs: [org('acme')],
        clusters: [cluster('acme', 'running')],
        zones,
        decisions: done,
        now,
      }).action,
    ).toBe('keep');
  });

  it('asks for approval in manual mode unless this decision was approved', () => {
    const zones = [zone('acme', '2026-11-01T00:00:00Z')];
    const now = t('2026-12-20T00:00:00Z');
    const manual = { ...settings, mode: 'manual' as const };
    expect(one({ ...idle, zones, settings: manual, now }).needsApproval).toBe(true);
    const approved: ExistingGcDecision[] = [
      { orgId: 'org-acme', zoneId: 'Z-acme', action: 'schedule', status: 'approved' },
    ];
    expect(one({ ...idle, zones, settings: manual, decisions: approved, now }).needsApproval).toBe(
      false,
    );
    const approvedOther: ExistingGcDecision[] = [{ ...approved[0]!, action: 'delete-now' }];
    expect(
      one({ ...idle, zones, settings: manual, decisions: approvedOther, now }).needsApproval,
    ).toBe(true);
    expect(one({ ...idle, zones, now }).needsApproval).toBe(false);
  });

  it('ignores zones already deleted or not yet created at that time', () => {
    const zones = [
      zone('acme', '2026-11-01T00:00:00Z', { deletedAt: t('2026-12-01T00:00:00Z') }),
      { ...zone('acme', '2026-12-25T00:00:00Z'), zoneId: 'Z-later' },
    ];
    expect(plan({ ...idle, zones, now: t('2026-12-20T00:00:00Z') })).toEqual([]);
  });

  it('refuses bad settings and inconsistent input with a message', () => {
    const zones = [zone('acme', '2026-11-01T00:00:00Z')];
    const now = t('2026-12-20T00:00:00Z');
    expect(() =>
      plan({ ...idle, zones, settings: { ...settings, route53RequestsPerSecond: 0 }, now }),
    ).toThrow(/more than 0 requests per second/);
    expect(() =>
      plan({ ...idle, zones, settings: { ...settings, safetyMarginMs: 12 * HOUR }, now }),
    ).toThrow(/under 12 hours/);
    expect(() => plan({ ...idle, zones: [zone('ghost', '2026-11-01T00:00:00Z')], now })).toThrow(
      /not in the plan's orgs/,
    );
    expect(() => plan({ ...idle, zones: [...zones, ...zones], now })).toThrow(/listed twice/);
  });
});

describe('planCollection: the month-end window for many zones', () => {
  it('lays every scheduled zone end to end so that all finish a margin before midnight', () => {
    const slugs = Array.from({ length: 12 }, (_, i) => `org${String(i).padStart(2, '0')}`);
    const decisions = plan({
      orgs: slugs.map((s) => org(s)),
      zones: slugs.map((s, i) =>
        zone(s, `2026-11-${String(i + 1).padStart(2, '0')}T00:00:00Z`, { recordCount: i * 1000 }),
      ),
      clusters: slugs.map((s) => cluster(s, 'stopped', '2026-12-01T00:00:00Z')),
      now: t('2026-12-31T12:00:00Z'),
    });
    expect(decisions.every((d) => d.action === 'schedule')).toBe(true);
    const total = decisions.reduce((s, d) => s + d.teardownCalls, 0);
    const first = decisions[0]!.at!.getTime();
    const midnightLessMargin = t('2027-01-01T00:00:00Z').getTime() - settings.safetyMarginMs;
    expect(first).toBe(
      midnightLessMargin - Math.ceil((total * 1000) / settings.route53RequestsPerSecond),
    );
    for (let i = 1; i < decisions.length; i++) {
      const prev = decisions[i - 1]!;
      expect(decisions[i]!.at!.getTime()).toBe(
        prev.at!.getTime() + (prev.teardownCalls * 1000) / 2,
      );
    }
    const last = decisions.at(-1)!;
    expect(last.at!.getTime() + (last.teardownCalls * 1000) / 2).toBe(midnightLessMargin);
  });

  it('gives every zone exactly one decision and never deletes a running or pinned org (property)', () => {
    const base = t('2026-10-01T00:00:00Z').getTime();
    const orgArb = fc.record({
      created: fc.integer({ min: 0, max: 90 * 24 * HOUR }),
      zoneAge: fc.integer({ min: 0, max: 60 * 24 * HOUR }),
      cluster: fc.constantFrom('none', 'running', 'stopped', 'deleted', 'pending'),
      pinned: fc.boolean(),
      records: fc.integer({ min: 0, max: 20_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(orgArb, { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 0, max: 120 * 24 * HOUR }),
        fc.constantFrom(0.5, 2, 10),
        (raw, n, rps) => {
          const now = new Date(base + n);
          const orgs = raw.map((r, i) => ({
            id: `o${i}`,
            slug: `o${i}`,
            createdAt: new Date(base + r.created),
          }));
          const zones: GcZone[] = raw.map((r, i) => ({
            orgId: `o${i}`,
            zoneId: `z${i}`,
            createdAt: new Date(base + r.created + r.zoneAge),
            deletedAt: null,
            recordCount: r.records,
          }));
          const clusters: GcCluster[] = raw.flatMap((r, i) =>
            r.cluster === 'none'
              ? []
              : [
                  {
                    orgId: `o${i}`,
                    name: `c${i}`,
                    status: r.cluster,
                    createdAt: new Date(base + r.created),
                    stoppedAt:
                      r.cluster === 'stopped' || r.cluster === 'deleted'
                        ? new Date(base + r.created + HOUR)
                        : null,
                  },
                ],
          );
          const pins = new Set(raw.flatMap((r, i) => (r.pinned ? [`o${i}`] : [])));
          const out = planCollection({
            orgs,
            zones,
            clusters,
            settings: { ...settings, route53RequestsPerSecond: rps },
            pins,
            decisions: [],
            otherAccountZones: 1,
            now,
          });
          const live = zones.filter((z) => z.createdAt.getTime() <= now.getTime());
          expect(out.map((d) => d.zoneId).sort()).toEqual(live.map((z) => z.zoneId).sort());
          for (const d of out) {
            const i = Number(d.orgId.slice(1));
            const r = raw[i]!;
            if (r.pinned || r.cluster === 'running') expect(d.action).toBe('keep');
            if (d.action === 'delete-now') {
              // Its whole teardown ends inside the free window, with the margin to spare.
              const end = d.at!.getTime() + (d.teardownCalls * 1000) / rps;
              const freeUntil = zones[i]!.createdAt.getTime() + 12 * HOUR;
              expect(end).toBeLessThan(freeUntil - settings.safetyMarginMs);
            }
            if (d.action === 'schedule') {
              expect(d.at!.getTime()).toBeGreaterThanOrEqual(now.getTime());
              const end = d.at!.getTime() + (d.teardownCalls * 1000) / rps;
              const at = d.at!;
              const nextFirst = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
              expect(end).toBeLessThanOrEqual(nextFirst + 1);
            }
            expect(d.reason.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('planCollection: a free deletion must finish inside the window', () => {
  it('schedules instead when the teardown would end after 12 h minus the margin', () => {
    const orgs = [org('acme')];
    const clusters = [cluster('acme', 'stopped', '2026-12-01T00:00:00Z')];
    const createdAt = '2026-12-10T08:00:00Z';
    const now = new Date(t(createdAt).getTime() + 11 * HOUR); // 30 min left before the margin
    const s = { ...settings, gracePeriodMs: 0 };
    const fits = one({
      orgs,
      clusters,
      settings: s,
      zones: [zone('acme', createdAt, { teardownCalls: 3_599 })],
      now,
    });
    expect(fits.action).toBe('delete-now');
    const tooLong = one({
      orgs,
      clusters,
      settings: s,
      zones: [zone('acme', createdAt, { teardownCalls: 3_600 })],
      now,
    });
    expect(tooLong.action).toBe('schedule');
  });
});

describe('planCollection: what a free deletion saves', () => {
  it('counts both charges of a zone created at 23:50 on the last day, before and after midnight', () => {
    const orgs = [org('acme')];
    const clusters = [cluster('acme', 'stopped', '2026-12-01T00:00:00Z')];
    const zones = [zone('acme', '2026-12-31T23:50:00Z')];
    const s = { ...settings, gracePeriodMs: 0 };
    expect(
      one({ orgs, clusters, zones, settings: s, now: t('2026-12-31T23:55:00Z') }).savesUsd,
    ).toBe(1);
    expect(
      one({ orgs, clusters, zones, settings: s, now: t('2027-01-01T00:30:00Z') }).savesUsd,
    ).toBe(1);
    expect(
      one({ orgs, clusters, zones, settings: s, now: t('2027-01-01T10:00:00Z') }),
    ).toMatchObject({
      action: 'delete-now',
      savesUsd: 1,
    });
  });
});
