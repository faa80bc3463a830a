import { describe, expect, it } from 'vitest';
import {
  addUtcMonths,
  nextUtcMonthStart,
  utcMonthKey,
  utcMonthName,
  utcMonthStart,
} from '@/server/billing/utc-calendar';

const t = (iso: string) => new Date(iso);

describe('UTC calendar', () => {
  it.each([
    ['2026-12-31T23:59:59.999Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'],
    ['2028-02-29T12:00:00.000Z', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
    ['2027-02-28T23:59:59.000Z', '2027-02-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z'],
  ])('%s is in the month from %s to %s', (at, start, next) => {
    expect(utcMonthStart(t(at)).toISOString()).toBe(start);
    expect(nextUtcMonthStart(t(at)).toISOString()).toBe(next);
  });

  it('adds months across years and names them', () => {
    expect(addUtcMonths(t('2026-11-15T00:00:00Z'), 3).toISOString()).toBe(
      '2027-02-01T00:00:00.000Z',
    );
    expect(addUtcMonths(t('2026-01-15T00:00:00Z'), -1).toISOString()).toBe(
      '2025-12-01T00:00:00.000Z',
    );
    expect(utcMonthKey(t('2026-12-31T23:59:59Z'))).toBe('2026-12');
    expect(utcMonthName(t('2026-12-31T23:59:59Z'))).toBe('December 2026');
  });
});
