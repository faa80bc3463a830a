// What each zone costs now: its free window, this month's charge, the next charge; and the totals.
import { compareByAge, priceCharges, type AccountZones } from './price-charges';
import { toUsd, zoneMonthPrice } from './route53-prices';
import { nextUtcMonthStart, utcMonthKey } from './utc-calendar';
import { freeWindowEnd, zoneAsOf } from './zone-charges';

export interface ZoneCostStatus {
  zoneId: string;
  createdAt: Date;
  freeUntil: Date;
  /** True while the zone exists and its free window is open: deleting it now costs nothing. */
  inFreeWindow: boolean;
  chargedThisMonth: boolean;
  /** When this month's charge was made (creation or 00:00 UTC on the 1st); null if none. */
  chargedAt: Date | null;
  /** This month's charge stands only if the zone outlives its free window. */
  chargeProvisional: boolean;
  thisMonthUsd: number;
  /** 00:00 UTC on the next 1st, for a zone that still exists; null once deleted. */
  nextChargeAt: Date | null;
  nextChargeUsd: number;
}

export interface AccountCostStatus {
  zones: ZoneCostStatus[];
  thisMonthUsd: number;
  /**
   * Next month's bill if every zone that exists now still exists at 00:00 UTC on the next 1st
   * (zones inside their free window included: kept, they are charged).
   */
  projectedNextMonthUsd: number;
}

/** The cost status of every listed zone at `now`, in input order; zones created later are left out. */
export function zoneCostStatus(account: AccountZones, now: Date): AccountCostStatus {
  const month = utcMonthKey(now);
  const charges = priceCharges(account, now).filter((c) => c.month === month);
  const known = account.zones.map((zone) => zoneAsOf(zone, now)).filter((z) => z !== null);
  const nextFirst = nextUtcMonthStart(now);
  const nextRank = new Map(
    known
      .filter((zone) => zone.deletedAt === null)
      .sort(compareByAge)
      .map((zone, i) => [zone.zoneId, account.otherAccountZones + i]),
  );
  const zones = known.map((zone): ZoneCostStatus => {
    const charge = charges.find((c) => c.zoneId === zone.zoneId);
    const rank = nextRank.get(zone.zoneId);
    const freeUntil = freeWindowEnd(zone);
    return {
      zoneId: zone.zoneId,
      createdAt: zone.createdAt,
      freeUntil,
      inFreeWindow: zone.deletedAt === null && now.getTime() < freeUntil.getTime(),
      chargedThisMonth: charge !== undefined,
      chargedAt: charge?.at ?? null,
      chargeProvisional: charge?.provisional ?? false,
      thisMonthUsd: toUsd(charge?.amount ?? 0),
      nextChargeAt: rank === undefined ? null : nextFirst,
      nextChargeUsd: rank === undefined ? 0 : toUsd(zoneMonthPrice(rank, zone.recordCount)),
    };
  });
  const sum = (amounts: number[]) => toUsd(amounts.reduce((a, b) => a + b, 0));
  return {
    zones,
    thisMonthUsd: sum(charges.map((c) => c.amount)),
    projectedNextMonthUsd: sum(
      known.flatMap((z) => {
        const rank = nextRank.get(z.zoneId);
        return rank === undefined ? [] : [zoneMonthPrice(rank, z.recordCount)];
      }),
    ),
  };
}
