// What deleting a zone saved: everything, inside its free window; the next month, before a 1st.
import { compareByAge, priceCharges, type AccountZones } from './price-charges';
import { toUsd, zoneMonthPrice } from './route53-prices';
import { nextUtcMonthStart, utcMonthKey } from './utc-calendar';
import {
  deletedInFreeWindow,
  freeWindowEnd,
  zoneAsOf,
  zoneCharges,
  type BilledZone,
} from './zone-charges';

export interface DeletionSaving {
  zoneId: string;
  kind: 'free-window' | 'before-month-start';
  /** The charges avoided, against keeping the zone a moment longer. */
  usd: number;
  /** The month the avoided charge would have fallen in (`YYYY-MM`, UTC). */
  month: string;
}

/**
 * The saving of every zone deleted by `now`. Deleted inside its free window, a zone saves the
 * charges it would have had by the window's close (its creation charge, and a 1st's if one fell
 * inside). Deleted later, it saves the charge of the next 1st — what keeping it would have cost.
 * Each avoided charge is priced at the tier place the zone would have taken that month.
 */
export function deletionSavings(account: AccountZones, now: Date): DeletionSaving[] {
  const priced = priceCharges(account, now);
  const known = account.zones.map((zone) => zoneAsOf(zone, now)).filter((z) => z !== null);
  return known
    .filter((zone) => zone.deletedAt !== null)
    .map((zone): DeletionSaving => {
      const avoided = deletedInFreeWindow(zone)
        ? zoneCharges({ ...zone, deletedAt: null }, freeWindowEnd(zone)).map((c) => c.at)
        : [nextUtcMonthStart(zone.deletedAt!)];
      const amount = avoided.reduce(
        (sum, at) => sum + priceIfCharged(zone, at, priced, account, now),
        0,
      );
      return {
        zoneId: zone.zoneId,
        kind: deletedInFreeWindow(zone) ? 'free-window' : 'before-month-start',
        usd: toUsd(amount),
        month: utcMonthKey(avoided[0]!),
      };
    });
}

// The price the zone would have had in the month of `at`: its place among that month's charged
// zones, by age.
function priceIfCharged(
  zone: BilledZone,
  at: Date,
  priced: ReturnType<typeof priceCharges>,
  account: AccountZones,
  now: Date,
): number {
  const month = utcMonthKey(at);
  if (at.getTime() > now.getTime()) {
    // A 1st still to come: the zones that exist now are the ones that would be charged then.
    const older = account.zones
      .map((z) => zoneAsOf(z, now))
      .filter((z) => z !== null && z.deletedAt === null && compareByAge(z, zone) < 0);
    return zoneMonthPrice(account.otherAccountZones + older.length, zone.recordCount);
  }
  const byId = new Map(account.zones.map((z) => [z.zoneId, z]));
  const older = priced.filter((c) => {
    const other = byId.get(c.zoneId);
    return c.month === month && other !== undefined && compareByAge(other, zone) < 0;
  });
  return zoneMonthPrice(account.otherAccountZones + older.length, zone.recordCount);
}
