// Month boundaries in UTC, the calendar Route 53 bills in, whatever the server's time zone.

export const HOUR_MS = 3_600_000;

/** 00:00 UTC on the 1st of the month holding `at`. */
export function utcMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** The next 00:00 UTC on a 1st strictly after `at`. */
export function nextUtcMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** 00:00 UTC on the 1st, `months` months after the month holding `at` (negative: before). */
export function addUtcMonths(at: Date, months: number): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

/** `YYYY-MM` of the UTC month holding `at`. */
export function utcMonthKey(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** "December 2026": a month as a person reads it, in UTC. */
export function utcMonthName(at: Date): string {
  return at.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
