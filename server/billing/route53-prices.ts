// Route 53's hosted-zone prices, in ten-thousandths of a dollar so that sums stay exact.

/** Money in units of $0.0001: $0.50 is 5000, $0.0015 is 15. */
export type Microcents = number;

export const ROUTE53_PRICES = {
  /** The first 25 hosted zones of the account, per zone and month. */
  firstTierZone: 5_000,
  firstTierSize: 25,
  /** Each hosted zone beyond the first 25, per month. */
  furtherZone: 1_000,
  /** Records included with each zone's monthly charge. */
  includedRecords: 10_000,
  /** Each record beyond those, per zone and month. */
  extraRecord: 15,
  /** A zone deleted before this long after its creation is never charged. */
  freeWindowMs: 12 * 3_600_000,
} as const;

export function toUsd(amount: Microcents): number {
  return amount / 10_000;
}

/** A zone's price for one month when it is the `rank`-th (0-based) charged zone of the account. */
export function zoneMonthPrice(rank: number, recordCount: number): Microcents {
  const zone =
    rank < ROUTE53_PRICES.firstTierSize ? ROUTE53_PRICES.firstTierZone : ROUTE53_PRICES.furtherZone;
  const extra = Math.max(0, Math.ceil(recordCount) - ROUTE53_PRICES.includedRecords);
  return zone + extra * ROUTE53_PRICES.extraRecord;
}
