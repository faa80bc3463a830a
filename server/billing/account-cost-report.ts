// What `zk cost` and the cost pages show: every zone Zonekeeper recorded, as of a time, priced by
// the billing model. The store knows our zones; the account's other zones are assumed below.
import { and, eq, gte, isNotNull, isNull, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { DomainError } from '../errors/domain-error';
import { toUsd } from './route53-prices';
import { utcMonthStart } from './utc-calendar';
import type { BilledZone } from './zone-charges';
import { zoneCostStatus } from './zone-cost-status';

/**
 * Hosted zones in the AWS account that Zonekeeper does not record, for the price tier. We know of
 * one for certain, the parent zone of the base domain; an account holding more (other teams'
 * zones) pays $0.10 instead of $0.50 for some of ours sooner than this report says.
 */
export const OTHER_ACCOUNT_ZONES = 1;

export interface ZoneCostLine {
  org: string;
  zoneId: string;
  createdAt: string;
  freeUntil: string;
  chargedThisMonth: boolean;
  thisMonthUsd: number;
  nextChargeAt: string | null;
  nextChargeUsd: number;
}

export interface CostReport {
  zones: ZoneCostLine[];
  thisMonthUsd: number;
  projectedNextMonthUsd: number;
}

export interface OrgBilledZone extends BilledZone {
  orgId: string;
  org: string;
}

/**
 * Every zone that could be charged in the month holding `at`: created by then, and not deleted
 * before that month began (a zone deleted this month still counts for it). Zones Route 53 never
 * confirmed (no zone id or creation time) cost nothing and are left out.
 */
export async function loadBilledZones(store: Store, at: Date): Promise<OrgBilledZone[]> {
  const z = store.t.hostedZones;
  const o = store.t.organizations;
  const rows = await store.db
    .select({
      orgId: z.orgId,
      org: o.slug,
      zoneId: z.awsZoneId,
      createdAt: z.awsCreatedAt,
      deletedAt: z.deletedAt,
      recordCount: z.recordCount,
    })
    .from(z)
    .innerJoin(o, eq(o.id, z.orgId))
    .where(
      and(
        isNotNull(z.awsZoneId),
        isNotNull(z.awsCreatedAt),
        or(isNull(z.deletedAt), gte(z.deletedAt, utcMonthStart(at))),
      ),
    );
  return rows
    .filter((r) => r.createdAt!.getTime() <= at.getTime())
    .map((r) => ({ ...r, zoneId: r.zoneId!, createdAt: r.createdAt! }));
}

/** The cost of every zone at `at` (of one org's with `orgSlug`), read-only, and the totals. */
export async function accountCostReport(
  store: Store,
  options: { at: Date; orgSlug?: string },
): Promise<CostReport> {
  const { at, orgSlug } = options;
  if (orgSlug !== undefined) {
    const o = store.t.organizations;
    const [org] = await store.db.select({ id: o.id }).from(o).where(eq(o.slug, orgSlug));
    if (!org) throw new DomainError('not_found', `No organization has the slug "${orgSlug}".`);
  }
  // Tiers are the account's: price every zone, then show the ones asked for.
  const zones = await loadBilledZones(store, at);
  const status = zoneCostStatus({ zones, otherAccountZones: OTHER_ACCOUNT_ZONES }, at);
  const orgOf = new Map(zones.map((zone) => [zone.zoneId, zone.org]));
  const lines = status.zones
    .filter((s) => orgSlug === undefined || orgOf.get(s.zoneId) === orgSlug)
    .map((s): ZoneCostLine => ({
      org: orgOf.get(s.zoneId)!,
      zoneId: s.zoneId,
      createdAt: s.createdAt.toISOString(),
      freeUntil: s.freeUntil.toISOString(),
      chargedThisMonth: s.chargedThisMonth,
      thisMonthUsd: s.thisMonthUsd,
      nextChargeAt: s.nextChargeAt?.toISOString() ?? null,
      nextChargeUsd: s.nextChargeUsd,
    }))
    .sort((a, b) => a.org.localeCompare(b.org) || a.createdAt.localeCompare(b.createdAt));
  // Summed in ten-thousandths of a dollar, as the model does, so the totals stay exact.
  const sum = (amounts: number[]) =>
    toUsd(amounts.reduce((total, usd) => total + Math.round(usd * 10_000), 0));
  return {
    zones: lines,
    thisMonthUsd: sum(lines.map((l) => l.thisMonthUsd)),
    projectedNextMonthUsd: sum(lines.map((l) => l.nextChargeUsd)),
  };
}
