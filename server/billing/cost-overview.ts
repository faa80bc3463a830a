// What the operators' cost page shows: per org and in total the zones, this month, next month
// projected and what the collector saved, and month by month what was charged and saved. Read-only,
// as of any time.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { OTHER_ACCOUNT_ZONES, type OrgBilledZone } from './account-cost-report';
import { deletionSavings } from './deletion-savings';
import { priceCharges } from './price-charges';
import { toUsd, type Microcents } from './route53-prices';
import { addUtcMonths, utcMonthKey } from './utc-calendar';
import { zoneCostStatus } from './zone-cost-status';

/** Months the chart shows: this one and the eleven before it. */
export const CHART_MONTHS = 12;

export interface OrgCost {
  org: string;
  /** Zones of the org that exist at the time asked about. */
  zones: number;
  thisMonthUsd: number;
  projectedNextMonthUsd: number;
  /** Saved by the collector, in every month up to the time asked about. */
  savedInFreeWindowUsd: number;
  savedBeforeMonthStartUsd: number;
}

export interface MonthCost {
  /** `YYYY-MM`, UTC. */
  month: string;
  chargedUsd: number;
  savedUsd: number;
  /** True for the month after the time asked about: its charge is the projection. */
  projected: boolean;
}

export interface CostOverview {
  at: string;
  orgs: OrgCost[];
  total: Omit<OrgCost, 'org'>;
  months: MonthCost[];
}

export async function costOverview(store: Store, at: Date): Promise<CostOverview> {
  const zones = await loadAllBilledZones(store, at);
  const account = { zones, otherAccountZones: OTHER_ACCOUNT_ZONES };
  const status = zoneCostStatus(account, at);
  const collected = await collectedZoneIds(store);
  // Only the collector's deletions count as its savings; an org's own deletion is not.
  const savings = deletionSavings(account, at).filter((s) => collected.has(s.zoneId));
  const orgOf = new Map(zones.map((zone) => [zone.zoneId, zone.org]));

  const byOrg = new Map<string, Record<keyof Omit<OrgCost, 'org'>, Microcents>>();
  const line = (org: string) => {
    let entry = byOrg.get(org);
    if (!entry) {
      entry = {
        zones: 0,
        thisMonthUsd: 0,
        projectedNextMonthUsd: 0,
        savedInFreeWindowUsd: 0,
        savedBeforeMonthStartUsd: 0,
      };
      byOrg.set(org, entry);
    }
    return entry;
  };
  // Summed in ten-thousandths of a dollar, as the model does, so the totals stay exact.
  const units = (usd: number) => Math.round(usd * 10_000);
  for (const zone of status.zones) {
    const entry = line(orgOf.get(zone.zoneId)!);
    if (zone.nextChargeAt !== null) entry.zones += 1;
    entry.thisMonthUsd += units(zone.thisMonthUsd);
    entry.projectedNextMonthUsd += units(zone.nextChargeUsd);
  }
  for (const saving of savings) {
    const entry = line(orgOf.get(saving.zoneId)!);
    if (saving.kind === 'free-window') entry.savedInFreeWindowUsd += units(saving.usd);
    else entry.savedBeforeMonthStartUsd += units(saving.usd);
  }
  const toLine = (entry: Record<keyof Omit<OrgCost, 'org'>, Microcents>) => ({
    zones: entry.zones,
    thisMonthUsd: toUsd(entry.thisMonthUsd),
    projectedNextMonthUsd: toUsd(entry.projectedNextMonthUsd),
    savedInFreeWindowUsd: toUsd(entry.savedInFreeWindowUsd),
    savedBeforeMonthStartUsd: toUsd(entry.savedBeforeMonthStartUsd),
  });
  const orgs = [...byOrg.entries()]
    .map(([org, entry]) => ({ org, ...toLine(entry) }))
    .sort((a, b) => a.org.localeCompare(b.org));
  const total = toLine(
    [...byOrg.values()].reduce(
      (sum, entry) => ({
        zones: sum.zones + entry.zones,
        thisMonthUsd: sum.thisMonthUsd + entry.thisMonthUsd,
        projectedNextMonthUsd: sum.projectedNextMonthUsd + entry.projectedNextMonthUsd,
        savedInFreeWindowUsd: sum.savedInFreeWindowUsd + entry.savedInFreeWindowUsd,
        savedBeforeMonthStartUsd: sum.savedBeforeMonthStartUsd + entry.savedBeforeMonthStartUsd,
      }),
      {
        zones: 0,
        thisMonthUsd: 0,
        projectedNextMonthUsd: 0,
        savedInFreeWindowUsd: 0,
        savedBeforeMonthStartUsd: 0,
      },
    ),
  );

  const months: MonthCost[] = [];
  const charges = priceCharges(account, at);
  for (let back = CHART_MONTHS - 1; back >= 0; back--) {
    const month = utcMonthKey(addUtcMonths(at, -back));
    months.push({
      month,
      chargedUsd: toUsd(
        charges.filter((c) => c.month === month).reduce((sum, c) => sum + c.amount, 0),
      ),
      savedUsd: toUsd(
        savings.filter((s) => s.month === month).reduce((sum, s) => sum + units(s.usd), 0),
      ),
      projected: false,
    });
  }
  // A zone deleted before a 1st saves the next month's charge: it may fall in the projected month.
  const next = utcMonthKey(addUtcMonths(at, 1));
  months.push({
    month: next,
    chargedUsd: total.projectedNextMonthUsd,
    savedUsd: toUsd(
      savings.filter((s) => s.month === next).reduce((sum, s) => sum + units(s.usd), 0),
    ),
    projected: true,
  });
  return { at: at.toISOString(), orgs, total, months };
}

// Every zone Route 53 confirmed and that was created by `at`, deleted ones included: the chart
// reaches back a year, and savings are counted over all time.
async function loadAllBilledZones(store: Store, at: Date): Promise<OrgBilledZone[]> {
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
    .where(and(isNotNull(z.awsZoneId), isNotNull(z.awsCreatedAt)));
  return rows
    .filter((r) => r.createdAt!.getTime() <= at.getTime())
    .map((r) => ({ ...r, zoneId: r.zoneId!, createdAt: r.createdAt! }));
}

/** Route 53 ids of the zones the collector deleted (a done decision). */
async function collectedZoneIds(store: Store): Promise<Set<string>> {
  const z = store.t.hostedZones;
  const d = store.t.gcDecisions;
  const rows = await store.db
    .select({ zoneId: z.awsZoneId })
    .from(d)
    .innerJoin(z, eq(z.id, d.hostedZoneId))
    .where(and(inArray(d.status, ['done']), isNotNull(z.awsZoneId)));
  return new Set(rows.map((r) => r.zoneId!));
}
