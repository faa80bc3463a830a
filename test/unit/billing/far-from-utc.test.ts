// Route 53 bills in UTC: every rule must give the same answer whatever the server's time zone.
import { afterAll, describe, expect, it } from 'vitest';
import { deletionSavings } from '@/server/billing/deletion-savings';
import { zoneCostStatus } from '@/server/billing/zone-cost-status';
import { planCollection } from '@/server/gc/plan-collection';

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const t = (iso: string) => new Date(iso);
// Month-end and leap-day edges, asked at 23:00 UTC on the last day of the month: already the 1st
// in Kiritimati (UTC+14), still the morning of the 31st in Pago Pago (UTC−11).
const zones = [
  { zoneId: 'Z-old', createdAt: t('2026-11-15T00:00:00Z'), deletedAt: null, recordCount: 12_000 },
  { zoneId: 'Z-late', createdAt: t('2026-12-31T22:50:00Z'), deletedAt: null, recordCount: 0 },
  {
    zoneId: 'Z-gone',
    createdAt: t('2026-12-31T12:00:00Z'),
    deletedAt: t('2026-12-31T22:00:00Z'),
    recordCount: 0,
  },
];
const now = t('2026-12-31T23:00:00Z');

function everything() {
  const account = { zones, otherAccountZones: 1 };
  const plan = planCollection({
    orgs: zones.map((z) => ({
      id: z.zoneId,
      slug: z.zoneId,
      createdAt: t('2026-11-01T00:00:00Z'),
    })),
    zones: zones.map((z) => ({ ...z, orgId: z.zoneId })),
    clusters: [],
    settings: {
      gracePeriodMs: 0,
      safetyMarginMs: 1_800_000,
      mode: 'automatic',
      teardownCalls: { perZone: 6, perThousandRecords: 6 },
      route53RequestsPerSecond: 2,
    },
    pins: new Set(),
    decisions: [],
    otherAccountZones: 1,
    now,
  });
  return JSON.stringify({
    cost: zoneCostStatus(account, now),
    savings: deletionSavings(account, now),
    plan,
  });
}

describe('billing and collection far from UTC', () => {
  const results = new Map<string, string>();

  it.each([
    ['UTC', 0, 31],
    ['Pacific/Kiritimati', -14 * 60, 1],
    ['Pacific/Pago_Pago', 11 * 60, 31],
  ])('in TZ=%s (offset %i min, local day %i) gives the UTC answers', (tz, offset, localDay) => {
    process.env.TZ = tz;
    // Node applies a TZ set at run time: prove it took effect before trusting the comparison.
    expect(now.getTimezoneOffset()).toBe(offset);
    expect(now.getDate()).toBe(localDay);
    results.set(tz, everything());
    const cost = zoneCostStatus({ zones, otherAccountZones: 1 }, now);
    expect(
      cost.zones.map((z) => [z.zoneId, z.chargedThisMonth, z.nextChargeAt?.toISOString() ?? null]),
    ).toEqual([
      ['Z-old', true, '2027-01-01T00:00:00.000Z'],
      ['Z-late', true, '2027-01-01T00:00:00.000Z'],
      ['Z-gone', false, null],
    ]);
    expect(cost.thisMonthUsd).toBe(4);
  });

  it('is the same in every time zone', () => {
    expect(results.size).toBe(3);
    expect(new Set(results.values()).size).toBe(1);
  });
});
