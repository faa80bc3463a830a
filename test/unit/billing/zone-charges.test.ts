import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deletedInFreeWindow,
  freeWindowEnd,
  zoneCharges,
  type BilledZone,
} from '@/server/billing/zone-charges';

const t = (iso: string) => new Date(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;
const zone = (createdAt: string, deletedAt: string | null = null): BilledZone => ({
  zoneId: 'Z1',
  createdAt: t(createdAt),
  deletedAt: deletedAt === null ? null : t(deletedAt),
  recordCount: 0,
});
const at = (base: string, ms: number) => new Date(t(base).getTime() + ms).toISOString();

describe('free window', () => {
  it('ends 12 hours after creation', () => {
    expect(freeWindowEnd(zone('2026-12-01T10:00:00Z')).toISOString()).toBe(
      '2026-12-01T22:00:00.000Z',
    );
    expect(freeWindowEnd(zone('2028-02-28T18:00:00Z')).toISOString()).toBe(
      '2028-02-29T06:00:00.000Z',
    );
  });

  it.each([
    ['11:59 after creation', 11 * HOUR + 59 * MIN, true],
    ['11:59:59.999 after creation', 12 * HOUR - 1, true],
    ['exactly 12:00 after creation', 12 * HOUR, false],
    ['12:01 after creation', 12 * HOUR + MIN, false],
  ])('a zone deleted %s is free: %s', (_label, ms, free) => {
    const z = zone('2026-12-10T08:00:00Z', at('2026-12-10T08:00:00Z', ms));
    expect(deletedInFreeWindow(z)).toBe(free);
    expect(zoneCharges(z, t('2027-01-31T00:00:00Z')).length === 0).toBe(free);
  });
});

describe('zoneCharges', () => {
  const created = '2026-12-10T08:00:00Z';

  it('charges on creation, provisionally until the window closes', () => {
    const z = zone(created);
    expect(zoneCharges(z, t(at(created, 11 * HOUR + 59 * MIN)))).toEqual([
      expect.objectContaining({ kind: 'creation', month: '2026-12', provisional: true }),
    ]);
    expect(zoneCharges(z, t(at(created, 12 * HOUR)))).toEqual([
      expect.objectContaining({ kind: 'creation', month: '2026-12', provisional: false }),
    ]);
  });

  it('charges again at 00:00 UTC on each 1st, never pro rata', () => {
    const charges = zoneCharges(zone(created), t('2027-03-01T00:00:00Z'));
    expect(charges.map((c) => [c.kind, c.at.toISOString()])).toEqual([
      ['creation', '2026-12-10T08:00:00.000Z'],
      ['month-start', '2027-01-01T00:00:00.000Z'],
      ['month-start', '2027-02-01T00:00:00.000Z'],
      ['month-start', '2027-03-01T00:00:00.000Z'],
    ]);
    expect(zoneCharges(zone(created), t('2027-02-28T23:59:59.999Z'))).toHaveLength(3);
  });

  it('does not charge a 1st the zone was deleted before (23:59:59 on the last day)', () => {
    expect(
      zoneCharges(zone(created, '2026-12-31T23:59:59Z'), t('2027-06-01T00:00:00Z')),
    ).toHaveLength(1);
    // Deleted at exactly 00:00:00.000 it existed on the 1st: charged (the safe side).
    expect(
      zoneCharges(zone(created, '2027-01-01T00:00:00Z'), t('2027-06-01T00:00:00Z')),
    ).toHaveLength(2);
  });

  it('charges a zone created at 23:50 UTC on the last day of a month twice, once per month', () => {
    const z = zone('2026-12-31T23:50:00Z');
    expect(zoneCharges(z, t('2027-01-01T00:10:00Z'))).toEqual([
      expect.objectContaining({ month: '2026-12', kind: 'creation', provisional: true }),
      expect.objectContaining({ month: '2027-01', kind: 'month-start', provisional: true }),
    ]);
    expect(zoneCharges(z, t('2027-01-01T11:50:00Z')).map((c) => c.provisional)).toEqual([
      false,
      false,
    ]);
    // Deleted inside its window it costs nothing, in either month.
    expect(
      zoneCharges(zone('2026-12-31T23:50:00Z', '2027-01-01T11:49:00Z'), t('2027-02-01T00:00:00Z')),
    ).toEqual([]);
  });

  it('knows the leap day: February 2028 has 29 days', () => {
    const z = zone('2028-02-29T12:00:00Z');
    expect(zoneCharges(z, t('2028-03-01T00:00:00Z')).map((c) => c.month)).toEqual([
      '2028-02',
      '2028-03',
    ]);
    expect(zoneCharges(zone('2028-02-28T23:59:59Z'), t('2028-02-29T23:59:59Z'))).toHaveLength(1);
  });

  it('charges a zone deleted and created again as two zones', () => {
    const first = { ...zone('2026-12-05T00:00:00Z', '2026-12-05T13:00:00Z'), zoneId: 'Z1' };
    const second = { ...zone('2026-12-05T14:00:00Z', '2026-12-05T15:00:00Z'), zoneId: 'Z2' };
    const third = { ...zone('2026-12-06T00:00:00Z'), zoneId: 'Z3' };
    const now = t('2026-12-20T00:00:00Z');
    expect([first, second, third].map((z) => zoneCharges(z, now).length)).toEqual([1, 0, 1]);
  });

  it('knows nothing of a zone before its creation, nor of a deletion after now', () => {
    expect(zoneCharges(zone(created), t('2026-12-10T07:59:59Z'))).toEqual([]);
    const deletedLater = zone(created, '2026-12-10T09:00:00Z');
    expect(zoneCharges(deletedLater, t('2026-12-10T08:30:00Z'))).toEqual([
      expect.objectContaining({ provisional: true }),
    ]);
  });

  it('charges exactly once per UTC month a zone existed past its window (property)', () => {
    const start = t('2026-01-01T00:00:00Z').getTime();
    const span = 3 * 365 * 24 * HOUR;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span }),
        fc.option(fc.integer({ min: 0, max: 200 * 24 * HOUR }), { nil: null }),
        fc.integer({ min: 0, max: 400 * 24 * HOUR }),
        (c, life, later) => {
          const createdAt = new Date(start + c);
          const deletedAt = life === null ? null : new Date(start + c + life);
          const now = new Date(start + c + later);
          const charges = zoneCharges({ zoneId: 'Z', createdAt, deletedAt, recordCount: 0 }, now);
          const months = charges.map((x) => x.month);
          expect(new Set(months).size).toBe(months.length);
          if (life !== null && life < 12 * HOUR && life <= later) expect(charges).toEqual([]);
          for (const x of charges) {
            expect(x.at.getTime()).toBeLessThanOrEqual(now.getTime());
            if (x.kind === 'month-start') {
              expect(x.at.getUTCDate()).toBe(1);
              expect(x.at.getUTCHours() + x.at.getUTCMinutes() + x.at.getUTCSeconds()).toBe(0);
            }
          }
          if (charges.length > 0 && (deletedAt === null || deletedAt > now)) {
            // Every month from creation to now is charged once.
            const expected =
              (now.getUTCFullYear() - createdAt.getUTCFullYear()) * 12 +
              now.getUTCMonth() -
              createdAt.getUTCMonth() +
              1;
            expect(charges).toHaveLength(expected);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
