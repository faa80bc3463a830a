// When a certificate is renewed: at two thirds of its lifetime, so a renewal that fails has the
// last third (30 days of 90) to converge before anything expires. Pure; time is a parameter.

const DAY_MS = 24 * 60 * 60 * 1000;
/** Certificates with fewer days left than this are shown with a warning. */
export const EXPIRY_WARNING_DAYS = 14;

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

export function renewalDueAt({ notBefore, notAfter }: Validity): Date {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  return new Date(notBefore.getTime() + Math.floor((lifetime * 2) / 3));
}

export function isRenewalDue(validity: Validity, now: Date): boolean {
  return now.getTime() >= renewalDueAt(validity).getTime();
}

/** Whole days until notAfter (negative once expired), rounded down. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

export function expiresSoon(notAfter: Date, now: Date): boolean {
  return daysLeft(notAfter, now) < EXPIRY_WARNING_DAYS;
}
