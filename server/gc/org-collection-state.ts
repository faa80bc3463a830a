// One org as the collector's verbs see it: the org, its live zone, the plan's decision for that
// zone now, and the zone's open decision in the queue.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { GcDecision as GcDecisionRow, HostedZone, Organization } from '@/db/rows';
import { DomainError } from '../errors/domain-error';
import { ACTIVE_GC_STATUSES, loadGcInput } from './load-gc-input';
import { planCollection, type GcDecision, type GcSettings } from './plan-collection';

export interface OrgCollectionState {
  org: Organization;
  zone: HostedZone | null;
  planned: GcDecision | null;
  active: GcDecisionRow[];
  settings: GcSettings;
}

export async function findOrgForGc(store: Store, slug: string): Promise<Organization> {
  const o = store.t.organizations;
  const [org] = await store.db.select().from(o).where(eq(o.slug, slug));
  if (!org) throw new DomainError('not_found', `No organization has the slug "${slug}".`);
  return org;
}

export async function orgCollectionState(
  store: Store,
  slug: string,
  now: Date,
): Promise<OrgCollectionState> {
  const org = await findOrgForGc(store, slug);
  const z = store.t.hostedZones;
  const [zone] = await store.db
    .select()
    .from(z)
    .where(and(eq(z.orgId, org.id), isNull(z.deletedAt), eq(z.status, 'ready')));
  const input = await loadGcInput(store, now);
  const planned = zone
    ? (planCollection(input).find((decision) => decision.zoneId === zone.awsZoneId) ?? null)
    : null;
  const d = store.t.gcDecisions;
  const active = await store.db
    .select()
    .from(d)
    .where(and(eq(d.orgId, org.id), inArray(d.status, [...ACTIVE_GC_STATUSES])));
  return { org, zone: zone ?? null, planned, active, settings: input.settings };
}

/** Why an org's zone may not be collected now, or null: pinned, a cluster running, being deleted or provisioned. */
export async function collectionRefusal(store: Store, org: Organization): Promise<string | null> {
  if (org.gcPinned) {
    return `${org.slug} is pinned: its zone is never collected. Unpin it first (zk gc unpin --org ${org.slug}).`;
  }
  const c = store.t.clusters;
  const running = await store.db
    .select({ name: c.name })
    .from(c)
    .where(and(eq(c.orgId, org.id), eq(c.status, 'running')));
  if (running.length > 0) {
    return `Cluster ${running.map((r) => r.name).join(', ')} of ${org.slug} is running: its zone is in use.`;
  }
  if (org.desiredState !== 'present') {
    return `${org.slug} is being deleted: its teardown removes the zone.`;
  }
  // Provisioning under way (a new org, a zone brought back, a failed step waiting for its retry):
  // a teardown now would race it, and the reconciler would finish it on a zone that is gone.
  if (org.status !== 'ready') {
    return `${org.slug} is still being provisioned (${org.status}): its zone is weighed for collection once the reconciler has finished.`;
  }
  return null;
}
