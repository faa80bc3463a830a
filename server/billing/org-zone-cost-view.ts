// What an org page says about its zone's cost: the free window left, this month's charge, the
// next charge; the collector's plan for it (scheduled for deletion at … because …); or that the
// zone was collected and comes back when a cluster runs. Read from the store, as of `now`.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { GcAction, GcStatus } from '@/db/schema/enums';
import { ACTIVE_GC_STATUSES } from '../gc/load-gc-input';
import { openPinRequests } from '../gc/request-gc-pin';
import { accountCostReport, type ZoneCostLine } from './account-cost-report';

export interface OrgZoneCollection {
  status: GcStatus;
  action: GcAction;
  at: Date | null;
  reason: string;
}

export type OrgZoneCostView =
  | { kind: 'none' }
  | {
      kind: 'live';
      cost: ZoneCostLine;
      collection: OrgZoneCollection | null;
      pinned: boolean;
      pinRequestedAt: Date | null;
    }
  | { kind: 'collected'; collectedAt: Date | null; returning: boolean };

export async function orgZoneCostView(
  store: Store,
  org: Organization,
  now: Date,
): Promise<OrgZoneCostView> {
  const { hostedZones: z, gcDecisions: d, clusters: c } = store.t;
  const [zone] = await store.db
    .select()
    .from(z)
    .where(and(eq(z.orgId, org.id), eq(z.generation, org.generation)));
  if (zone?.status === 'deleted' && org.desiredState === 'present') {
    const [done] = await store.db
      .select({ executedAt: d.executedAt })
      .from(d)
      .where(and(eq(d.hostedZoneId, zone.id), eq(d.status, 'done')))
      .orderBy(desc(d.updatedAt))
      .limit(1);
    const active = await store.db
      .select({ id: c.id })
      .from(c)
      .where(and(eq(c.orgId, org.id), inArray(c.status, ['pending', 'running'])));
    return {
      kind: 'collected',
      collectedAt: done?.executedAt ?? zone.deletedAt,
      returning: active.length > 0,
    };
  }
  if (!zone?.awsZoneId || zone.deletedAt !== null) {
    // A later generation whose zone the reconciler has not made yet: the collected zone is on its
    // way back. A new org's first zone is simply not there yet.
    return org.generation > 1 && org.desiredState === 'present'
      ? { kind: 'collected', collectedAt: null, returning: true }
      : { kind: 'none' };
  }
  const report = await accountCostReport(store, { at: now, orgSlug: org.slug });
  const cost = report.zones.find((line) => line.zoneId === zone.awsZoneId);
  if (!cost) return { kind: 'none' };
  const [open] = await store.db
    .select()
    .from(d)
    .where(and(eq(d.hostedZoneId, zone.id), inArray(d.status, [...ACTIVE_GC_STATUSES])))
    .orderBy(desc(d.updatedAt))
    .limit(1);
  const [request] = await openPinRequests(store, [org.id]);
  return {
    kind: 'live',
    cost,
    collection: open
      ? { status: open.status, action: open.action, at: open.scheduledFor, reason: open.reason }
      : null,
    pinned: org.gcPinned,
    pinRequestedAt: request?.requestedAt ?? null,
  };
}
