import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysLeft, expiresSoon, isRenewalDue, renewalDueAt } from '@/server/tls/renewal-due';

const DAY_MS = 24 * 60 * 60 * 1000;
const notBefore = new Date('2026-01-01T00:00:00Z');
const ninetyDays = { notBefore, notAfter: new Date(notBefore.getTime() + 90 * DAY_MS) };
const at = (days: number, ms = 0) => new Date(notBefore.getTime() + days * DAY_MS + ms);

describe('renewal at two thirds of the lifetime', () => {
  it.each([
    ['at issue', at(0), false],
    ['a day before two thirds', at(59), false],
    ['a millisecond before day 60', at(60, -1), false],
    ['at day 60 of 90', at(60), true],
    ['after two thirds', at(61), true],
    ['after expiry', at(91), true],
  ])('%s', (_label, now, due) => {
    expect(isRenewalDue(ninetyDays, now)).toBe(due);
  });

  it('is due at day 60 of a 90-day certificate', () => {
    expect(renewalDueAt(ninetyDays)).toEqual(at(60));
  });

  it('always falls inside the lifetime, a third before its end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        fc.integer({ min: 3, max: 10 * 365 * DAY_MS }),
        (start, lifetime) => {
          const validity = { notBefore: new Date(start), notAfter: new Date(start + lifetime) };
          const due = renewalDueAt(validity).getTime();
          expect(due).toBeGreaterThan(start);
          expect(due).toBeLessThan(start + lifetime);
          // At least a third of the lifetime is left to deliver the new certificate.
          expect(start + lifetime - due).toBeGreaterThanOrEqual(lifetime / 3);
        },
      ),
    );
  });
});

describe('days left and the warning under 14 days', () => {
  it.each([
    [at(0), 90, false],
    [at(76), 14, false],
    [at(76, 1), 13, true],
    [at(89, 1), 0, true],
    [at(91), -1, true],
  ])('at %s', (now, days, warn) => {
    expect(daysLeft(ninetyDays.notAfter, now)).toBe(days);
    expect(expiresSoon(ninetyDays.notAfter, now)).toBe(warn);
  });
});
