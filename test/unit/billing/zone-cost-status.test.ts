import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/errors/domain-error';
import { priceCharges } from '@/server/billing/price-charges';
import { zoneCostStatus } from '@/server/billing/zone-cost-status';
import type { BilledZone } from '@/server/billing/zone-charges';

const t = (iso: string) => new Date(iso);
const z = (
  zoneId: string,
  createdAt: string,
  deletedAt: string | null = null,
  recordCount = 0,
): BilledZone => ({
  zoneId,
  createdAt: t(createdAt),
  deletedAt: deletedAt === null ? null : t(deletedAt),
  recordCount,
});
// `n` zones created an hour apart from 2026-10-01, all alive.
const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    z(
      `Z${String(i).padStart(3, '0')}`,
      new Date(t('2026-10-01T00:00:00Z').getTime() + i * 3_600_000).toISOString(),
    ),
  );

describe('zoneCostStatus', () => {
  it('shows the free window, the provisional charge and the next charge of a new zone', () => {
    const status = zoneCostStatus(
      { zones: [z('Z1', '2026-12-10T08:00:00Z')], otherAccountZones: 1 },
      t('2026-12-10T19:59:00Z'),
    );
    expect(status.zones[0]).toEqual({
      zoneId: 'Z1',
      createdAt: t('2026-12-10T08:00:00Z'),
      freeUntil: t('2026-12-10T20:00:00Z'),
      inFreeWindow: true,
      chargedThisMonth: true,
      chargedAt: t('2026-12-10T08:00:00Z'),
      chargeProvisional: true,
      thisMonthUsd: 0.5,
      nextChargeAt: t('2027-01-01T00:00:00Z'),
      nextChargeUsd: 0.5,
    });
    expect(status).toMatchObject({ thisMonthUsd: 0.5, projectedNextMonthUsd: 0.5 });
  });

  it.each([
    ['11:59', '2026-12-10T19:59:00Z', true, true],
    ['12:00', '2026-12-10T20:00:00Z', false, false],
    ['12:01', '2026-12-10T20:01:00Z', false, false],
  ])('at %s after creation: in window %s, provisional %s', (_l, now, inWindow, provisional) => {
    const [s] = zoneCostStatus(
      { zones: [z('Z1', '2026-12-10T08:00:00Z')], otherAccountZones: 1 },
      t(now),
    ).zones;
    expect(s).toMatchObject({
      inFreeWindow: inWindow,
      chargeProvisional: provisional,
      chargedThisMonth: true,
    });
  });

  it('charges nothing for a zone deleted inside its window, and has no next charge', () => {
    const status = zoneCostStatus(
      { zones: [z('Z1', '2026-12-10T08:00:00Z', '2026-12-10T19:59:00Z')], otherAccountZones: 1 },
      t('2026-12-20T00:00:00Z'),
    );
    expect(status.zones[0]).toMatchObject({
      chargedThisMonth: false,
      thisMonthUsd: 0,
      nextChargeAt: null,
      nextChargeUsd: 0,
    });
    expect(status.thisMonthUsd).toBe(0);
  });

  it('at 23:59:59 on the last day the next charge is one second away, in UTC', () => {
    const status = zoneCostStatus(
      { zones: [z('Z1', '2026-11-15T00:00:00Z')], otherAccountZones: 1 },
      t('2026-12-31T23:59:59Z'),
    );
    expect(status.zones[0]).toMatchObject({
      chargedThisMonth: true,
      chargedAt: t('2026-12-01T00:00:00Z'),
      nextChargeAt: t('2027-01-01T00:00:00Z'),
    });
  });

  it('puts the first 25 zones of the account at $0.50 and the 26th at $0.10, the parent zone counting', () => {
    const now = t('2026-12-15T00:00:00Z');
    const at24 = zoneCostStatus({ zones: many(24), otherAccountZones: 1 }, now);
    expect(at24.thisMonthUsd).toBe(12);
    const at25 = zoneCostStatus({ zones: many(25), otherAccountZones: 1 }, now);
    expect(at25.thisMonthUsd).toBe(12.1);
    expect(at25.zones.at(-1)).toMatchObject({
      zoneId: 'Z024',
      thisMonthUsd: 0.1,
      nextChargeUsd: 0.1,
    });
    expect(at25.zones[23]).toMatchObject({ thisMonthUsd: 0.5 });
    const at26 = zoneCostStatus({ zones: many(26), otherAccountZones: 0 }, now);
    expect(at26.thisMonthUsd).toBe(12.6);
    expect(at26.projectedNextMonthUsd).toBe(12.6);
  });

  it('gives the $0.50 places by creation order, whatever order the zones are listed in', () => {
    const zones = many(27).reverse();
    const status = zoneCostStatus({ zones, otherAccountZones: 0 }, t('2026-12-15T00:00:00Z'));
    const cheap = status.zones
      .filter((s) => s.thisMonthUsd === 0.1)
      .map((s) => s.zoneId)
      .sort();
    expect(cheap).toEqual(['Z025', 'Z026']);
  });

  it('frees a $0.50 place next month when an older zone was deleted', () => {
    const zones = many(26);
    zones[0] = { ...zones[0]!, deletedAt: t('2026-12-20T00:00:00Z') };
    const status = zoneCostStatus({ zones, otherAccountZones: 0 }, t('2026-12-21T00:00:00Z'));
    expect(status.thisMonthUsd).toBe(12.6);
    expect(status.projectedNextMonthUsd).toBe(12.5);
    expect(status.zones.at(-1)).toMatchObject({ thisMonthUsd: 0.1, nextChargeUsd: 0.5 });
  });

  it('prices records beyond 10,000 at $0.0015 each per month', () => {
    const now = t('2026-12-15T00:00:00Z');
    const at = (n: number) =>
      zoneCostStatus(
        { zones: [z('Z1', '2026-11-01T00:00:00Z', null, n)], otherAccountZones: 1 },
        now,
      ).thisMonthUsd;
    expect(at(10_000)).toBe(0.5);
    expect(at(10_001)).toBe(0.5015);
    expect(at(20_000)).toBe(15.5);
  });

  it('counts a zone deleted and created again twice this month', () => {
    const zones = [
      z('Z1', '2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z'),
      z('Z2', '2026-12-04T00:00:00Z'),
    ];
    const status = zoneCostStatus({ zones, otherAccountZones: 1 }, t('2026-12-10T00:00:00Z'));
    expect(status.thisMonthUsd).toBe(1);
    expect(status.projectedNextMonthUsd).toBe(0.5);
  });

  it('answers as it would have then: later zones and deletions are unknown', () => {
    const zones = [
      z('Z1', '2026-12-02T00:00:00Z', '2026-12-20T00:00:00Z'),
      z('Z2', '2026-12-25T00:00:00Z'),
    ];
    const status = zoneCostStatus({ zones, otherAccountZones: 1 }, t('2026-12-10T00:00:00Z'));
    expect(status.zones.map((s) => s.zoneId)).toEqual(['Z1']);
    expect(status.zones[0]!.nextChargeAt).toEqual(t('2027-01-01T00:00:00Z'));
  });

  it('refuses bad input with a message that says what to fix', () => {
    const bad =
      (zones: BilledZone[], otherAccountZones = 1) =>
      () =>
        zoneCostStatus({ zones, otherAccountZones }, t('2026-12-10T00:00:00Z'));
    expect(bad([z('Z1', '2026-12-02T00:00:00Z', '2026-12-01T00:00:00Z')])).toThrow(
      /before its creation/,
    );
    expect(bad([z('Z1', '2026-12-02T00:00:00Z'), z('Z1', '2026-12-03T00:00:00Z')])).toThrow(
      /listed twice/,
    );
    expect(bad([z('Z1', 'not a date')])).toThrow(/no valid creation time/);
    expect(bad([], -1)).toThrow(DomainError);
    expect(bad([z('Z1', '2026-12-02T00:00:00Z', null, -5)])).toThrow(/record count/);
  });

  it('this month always equals the sum of the priced charges of this month (property)', () => {
    const base = t('2026-01-01T00:00:00Z').getTime();
    const zoneArb = fc.record({
      c: fc.integer({ min: 0, max: 500 * 86_400_000 }),
      life: fc.option(fc.integer({ min: 0, max: 90 * 86_400_000 }), { nil: null }),
      records: fc.integer({ min: 0, max: 12_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(zoneArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 600 * 86_400_000 }),
        fc.integer({ min: 0, max: 3 }),
        (raw, n, others) => {
          const zones = raw.map((r, i) => ({
            zoneId: `Z${i}`,
            createdAt: new Date(base + r.c),
            deletedAt: r.life === null ? null : new Date(base + r.c + r.life),
            recordCount: r.records,
          }));
          const now = new Date(base + n);
          const status = zoneCostStatus({ zones, otherAccountZones: others }, now);
          const month = now.toISOString().slice(0, 7);
          const charges = priceCharges({ zones, otherAccountZones: others }, now).filter(
            (c) => c.month === month,
          );
          expect(Math.round(status.thisMonthUsd * 10_000)).toBe(
            charges.reduce((s, c) => s + c.amount, 0),
          );
          expect(status.zones.filter((s) => s.chargedThisMonth)).toHaveLength(charges.length);
          // At most 25 places at $0.50 (minus the other zones) in any month.
          const firstTier = charges.filter((c) => c.rank < 25).length;
          expect(firstTier).toBeLessThanOrEqual(Math.max(0, 25 - others));
          for (const s of status.zones) {
            expect(s.nextChargeAt === null || s.nextChargeAt.getUTCDate() === 1).toBe(true);
            expect(s.thisMonthUsd).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
