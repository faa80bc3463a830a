// Everything the collector's planner needs, read from the store as of a time.
import { and, eq, gte, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster } from '@/db/rows';
import { OTHER_ACCOUNT_ZONES } from '../billing/account-cost-report';
import { utcMonthStart } from '../billing/utc-calendar';
import { readGcSettings } from './gc-settings';
import type { GcCluster, PlanCollectionInput } from './plan-collection';

export const ACTIVE_GC_STATUSES = ['proposed', 'approved', 'scheduled', 'executing'] as const;

export interface GcInput extends PlanCollectionInput {
  /** Our hosted_zones row id for each Route 53 zone id in the plan. */
  zoneRowIds: Map<string, string>;
}

/**
 * Orgs that should exist (an org being deleted is teardown's, not the collector's), their zones
 * that could be charged this month, their clusters, pins, active decisions and the settings.
 * Orgs, zones and clusters created after `now` are left out; cluster statuses are today's, as
 * the store keeps no history of them.
 */
export async function loadGcInput(store: Store, now: Date): Promise<GcInput> {
  const { organizations: o, hostedZones: z, clusters: c, gcDecisions: d } = store.t;
  const orgs = (
    await store.db
      .select()
      .from(o)
      .where(and(eq(o.desiredState, 'present'), isNull(o.deletedAt)))
  ).filter((org) => org.createdAt.getTime() <= now.getTime());
  const orgIds = orgs.map((org) => org.id);
  if (orgIds.length === 0) {
    return {
      orgs: [],
      zones: [],
      clusters: [],
      pins: new Set(),
      decisions: [],
      settings: await readGcSettings(store),
      otherAccountZones: OTHER_ACCOUNT_ZONES,
      now,
      zoneRowIds: new Map(),
    };
  }
  const zoneRows = (
    await store.db
      .select()
      .from(z)
      .where(
        and(
          inArray(z.orgId, orgIds),
          isNotNull(z.awsZoneId),
          isNotNull(z.awsCreatedAt),
          or(isNull(z.deletedAt), gte(z.deletedAt, utcMonthStart(now))),
        ),
      )
  ).filter((zone) => zone.awsCreatedAt!.getTime() <= now.getTime());
  const clusterRows = (await store.db.select().from(c).where(inArray(c.orgId, orgIds))).filter(
    (cluster) => cluster.createdAt.getTime() <= now.getTime(),
  );
  const decisionRows = await store.db
    .select()
    .from(d)
    .where(and(inArray(d.orgId, orgIds), inArray(d.status, [...ACTIVE_GC_STATUSES])));
  const awsIdOf = new Map(zoneRows.map((zone) => [zone.id, zone.awsZoneId!]));
  return {
    orgs: orgs.map((org) => ({
      id: org.id,
      slug: org.slug,
      createdAt: org.createdAt,
      provisioning: org.status !== 'ready',
    })),
    zones: zoneRows.map((zone) => ({
      orgId: zone.orgId,
      zoneId: zone.awsZoneId!,
      createdAt: zone.awsCreatedAt!,
      deletedAt: zone.deletedAt,
      recordCount: zone.recordCount,
    })),
    clusters: clusterRows.map(toGcCluster),
    pins: new Set(orgs.filter((org) => org.gcPinned).map((org) => org.id)),
    decisions: decisionRows
      .filter((row) => awsIdOf.has(row.hostedZoneId))
      .map((row) => ({
        orgId: row.orgId,
        zoneId: awsIdOf.get(row.hostedZoneId)!,
        action: row.action,
        status: row.status,
      })),
    settings: await readGcSettings(store),
    otherAccountZones: OTHER_ACCOUNT_ZONES,
    now,
    zoneRowIds: new Map(zoneRows.map((zone) => [zone.awsZoneId!, zone.id])),
  };
}

// The store keeps no "stopped at": a stopped cluster's last update (the status change, or later)
// stands in for it, and a deleted one's deletion time. Both err late, so the grace is never short.
function toGcCluster(cluster: Cluster): GcCluster {
  const stoppedAt =
    cluster.status === 'stopped'
      ? cluster.updatedAt
      : cluster.status === 'deleted'
        ? (cluster.deletedAt ?? cluster.updatedAt)
        : null;
  return {
    orgId: cluster.orgId,
    name: cluster.name,
    status: cluster.status,
    createdAt: cluster.createdAt,
    stoppedAt,
  };
}
