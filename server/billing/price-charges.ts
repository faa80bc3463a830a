// Puts a price on each zone charge: the account's first 25 zones of a month at $0.50, the rest at
// $0.10, plus records beyond 10,000.
import { DomainError } from '@/server/errors/domain-error';
import { zoneMonthPrice, type Microcents } from './route53-prices';
import { zoneCharges, type BilledZone, type ZoneCharge } from './zone-charges';

export interface PricedCharge extends ZoneCharge {
  /** 0-based place among the account's zones charged that month; under 25 is the $0.50 tier. */
  rank: number;
  amount: Microcents;
}

export interface AccountZones {
  zones: readonly BilledZone[];
  /**
   * Hosted zones in the AWS account that Zonekeeper does not list (the parent zone, at least),
   * charged every month. Being older than any org zone, they take the first places in the tier.
   */
  otherAccountZones: number;
}

/**
 * Every charge of the account's listed zones up to `now`, priced. Route 53 prices a month by how
 * many zones the account was charged for; which zone holds which tier is ours to say, and we give
 * the $0.50 places to the oldest zones: the zones outside our list, then ours by creation time
 * (then zone id), so a zone's price never changes because a younger zone came or went.
 */
export function priceCharges(account: AccountZones, now: Date): PricedCharge[] {
  assertValidAccount(account);
  const byMonth = new Map<string, { charge: ZoneCharge; zone: BilledZone }[]>();
  for (const zone of account.zones) {
    for (const charge of zoneCharges(zone, now)) {
      byMonth.set(charge.month, [...(byMonth.get(charge.month) ?? []), { charge, zone }]);
    }
  }
  const priced: PricedCharge[] = [];
  for (const charges of byMonth.values()) {
    charges.sort((a, b) => compareByAge(a.zone, b.zone));
    charges.forEach(({ charge, zone }, i) => {
      const rank = account.otherAccountZones + i;
      priced.push({ ...charge, rank, amount: zoneMonthPrice(rank, zone.recordCount) });
    });
  }
  return priced.sort((a, b) => a.at.getTime() - b.at.getTime() || a.zoneId.localeCompare(b.zoneId));
}

export function compareByAge(a: BilledZone, b: BilledZone): number {
  return (
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.zoneId < b.zoneId ? -1 : a.zoneId > b.zoneId ? 1 : 0)
  );
}

export function assertValidAccount(account: AccountZones): void {
  if (!Number.isInteger(account.otherAccountZones) || account.otherAccountZones < 0) {
    throw new DomainError(
      'invalid_input',
      `The count of other zones in the account must be a whole number of at least 0 (the parent zone counts); got ${account.otherAccountZones}.`,
    );
  }
  const seen = new Set<string>();
  for (const zone of account.zones) {
    if (seen.has(zone.zoneId)) {
      throw new DomainError(
        'invalid_input',
        `Zone ${zone.zoneId} is listed twice; list each hosted zone once.`,
      );
    }
    seen.add(zone.zoneId);
    if (Number.isNaN(zone.createdAt.getTime())) {
      throw new DomainError('invalid_input', `Zone ${zone.zoneId} has no valid creation time.`);
    }
    if (zone.deletedAt !== null && !(zone.deletedAt.getTime() >= zone.createdAt.getTime())) {
      throw new DomainError(
        'invalid_input',
        `Zone ${zone.zoneId} has a deletion time (${describeTime(zone.deletedAt)}) before its creation; fix its deletion time.`,
      );
    }
    if (!Number.isFinite(zone.recordCount) || zone.recordCount < 0) {
      throw new DomainError(
        'invalid_input',
        `Zone ${zone.zoneId} has a record count of ${zone.recordCount}; it must be 0 or more.`,
      );
    }
  }
}

function describeTime(at: Date): string {
  return Number.isNaN(at.getTime()) ? 'not a valid time' : at.toISOString();
}
