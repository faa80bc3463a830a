// When Route 53 charges one hosted zone: on creation and on every 1st it exists, unless it was
// deleted inside its 12-hour free window.
import { ROUTE53_PRICES } from './route53-prices';
import { nextUtcMonthStart, utcMonthKey } from './utc-calendar';

/** A hosted zone with our record of its creation and deletion times (Route 53 reports neither). */
export interface BilledZone {
  zoneId: string;
  createdAt: Date;
  deletedAt: Date | null;
  /** Records in the zone as last synced (priced beyond 10,000). */
  recordCount: number;
}

export interface ZoneCharge {
  zoneId: string;
  at: Date;
  /** `YYYY-MM`, UTC. */
  month: string;
  kind: 'creation' | 'month-start';
  /**
   * True while the zone is inside its free window and not deleted: the charge stands only if the
   * zone still exists when the window closes.
   */
  provisional: boolean;
}

export function freeWindowEnd(zone: Pick<BilledZone, 'createdAt'>): Date {
  return new Date(zone.createdAt.getTime() + ROUTE53_PRICES.freeWindowMs);
}

/**
 * True when the zone was deleted inside its free window and so is never charged. A deletion at
 * exactly 12:00:00.000 counts as charged: AWS does not say, and the collector stays on the safe side.
 */
export function deletedInFreeWindow(zone: BilledZone): boolean {
  return zone.deletedAt !== null && zone.deletedAt.getTime() < freeWindowEnd(zone).getTime();
}

/**
 * The zone as it was known at `now`: null if not yet created, its deletion hidden if later.
 * Every rule takes time as a parameter, so asking "what if it were then" gives the same answers
 * the rules gave then.
 */
export function zoneAsOf(zone: BilledZone, now: Date): BilledZone | null {
  if (zone.createdAt.getTime() > now.getTime()) return null;
  if (zone.deletedAt !== null && zone.deletedAt.getTime() > now.getTime()) {
    return { ...zone, deletedAt: null };
  }
  return zone;
}

/**
 * Every charge made for the zone up to `now`: the creation charge, then one at 00:00 UTC on each
 * 1st the zone still existed (a zone deleted at exactly 00:00:00.000 counts as existing).
 * A zone created at 23:50 on the last day of a month is charged twice within minutes, once per
 * month, unless it is deleted before its window closes.
 */
export function zoneCharges(zone: BilledZone, now: Date): ZoneCharge[] {
  const known = zoneAsOf(zone, now);
  if (known === null || deletedInFreeWindow(known)) return [];
  const provisional = known.deletedAt === null && now.getTime() < freeWindowEnd(known).getTime();
  const charge = (at: Date, kind: ZoneCharge['kind']): ZoneCharge => ({
    zoneId: known.zoneId,
    at,
    month: utcMonthKey(at),
    kind,
    provisional,
  });
  const charges = [charge(known.createdAt, 'creation')];
  const end = Math.min(now.getTime(), known.deletedAt?.getTime() ?? Infinity);
  for (
    let first = nextUtcMonthStart(known.createdAt);
    first.getTime() <= end;
    first = nextUtcMonthStart(first)
  ) {
    charges.push(charge(first, 'month-start'));
  }
  return charges;
}
