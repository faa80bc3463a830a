// What the collector's queue page shows: the mode and where it comes from, the open decisions of
// the queue with what each saves, the plan for every zone now (the dry run, as of any time), the
// recent outcomes, and the pin requests. Read-only.
import { desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { GcDecision as GcDecisionRow } from '@/db/rows';
import { ACTIVE_GC_STATUSES, loadGcInput } from './load-gc-input';
import { planCollection, type GcDecision, type GcSettings } from './plan-collection';
import { openPinRequests, type PinRequest } from './request-gc-pin';
import { gcModeSource } from './set-gc-mode';

/** Finished decisions the page lists, newest first. */
export const RECENT_DECISIONS = 20;

export interface QueuedDecision {
  decisionId: string;
  org: string;
  zoneId: string;
  zoneName: string;
  action: GcDecisionRow['action'];
  status: GcDecisionRow['status'];
  reason: string;
  at: Date | null;
  /** What acting saves, from the plan now; null when the plan no longer gives this action. */
  savesUsd: number | null;
  lastError: string | null;
  updatedAt: Date;
}

export interface PlannedZone extends GcDecision {
  zoneName: string;
  pinned: boolean;
}

export interface GcQueueView {
  settings: GcSettings;
  modeSource: 'setting' | 'environment';
  queue: QueuedDecision[];
  recent: QueuedDecision[];
  /** The plan for every live zone at `planAt`, written nowhere. */
  plan: PlannedZone[];
  planAt: Date;
  pinned: string[];
  pinRequests: PinRequest[];
}

export async function gcQueueView(
  store: Store,
  options: { now: Date; planAt?: Date },
): Promise<GcQueueView> {
  const planAt = options.planAt ?? options.now;
  const [current, asked] = await Promise.all([
    loadGcInput(store, options.now),
    planAt === options.now ? null : loadGcInput(store, planAt),
  ]);
  const planNow = planCollection(current);
  const plan = asked ? planCollection(asked) : planNow;
  const d = store.t.gcDecisions;
  const z = store.t.hostedZones;
  const o = store.t.organizations;
  const select = {
    decision: d,
    org: o.slug,
    zoneId: z.awsZoneId,
    zoneName: z.name,
  };
  const [open, finished, orgs, modeSource, pinRequests] = await Promise.all([
    store.db
      .select(select)
      .from(d)
      .innerJoin(o, eq(o.id, d.orgId))
      .innerJoin(z, eq(z.id, d.hostedZoneId))
      .where(inArray(d.status, [...ACTIVE_GC_STATUSES])),
    store.db
      .select(select)
      .from(d)
      .innerJoin(o, eq(o.id, d.orgId))
      .innerJoin(z, eq(z.id, d.hostedZoneId))
      .where(notInArray(d.status, [...ACTIVE_GC_STATUSES]))
      .orderBy(desc(d.updatedAt))
      .limit(RECENT_DECISIONS),
    store.db
      .select({ id: o.id, slug: o.slug, pinned: o.gcPinned })
      .from(o)
      .where(eq(o.desiredState, 'present')),
    gcModeSource(store),
    openPinRequests(store),
  ]);
  const zoneNames = new Map<string, string>();
  const planZoneIds = [...new Set(plan.map((p) => p.zoneId))];
  const zoneRows =
    planZoneIds.length === 0
      ? []
      : await store.db
          .select({ awsZoneId: z.awsZoneId, name: z.name })
          .from(z)
          .where(inArray(z.awsZoneId, planZoneIds));
  for (const row of zoneRows) zoneNames.set(row.awsZoneId!, row.name);
  const pinnedIds = new Set(orgs.filter((org) => org.pinned).map((org) => org.id));

  const toQueued = (row: (typeof open)[number]): QueuedDecision => {
    const planned = planNow.find((p) => p.zoneId === row.zoneId);
    return {
      decisionId: row.decision.id,
      org: row.org,
      zoneId: row.zoneId ?? '',
      zoneName: row.zoneName,
      action: row.decision.action,
      status: row.decision.status,
      reason: row.decision.reason,
      at: row.decision.scheduledFor,
      savesUsd: planned?.action === row.decision.action ? planned.savesUsd : null,
      lastError: row.decision.lastError,
      updatedAt: row.decision.updatedAt,
    };
  };
  return {
    settings: current.settings,
    modeSource,
    queue: open
      .map(toQueued)
      .sort(
        (a, b) =>
          (a.at?.getTime() ?? Infinity) - (b.at?.getTime() ?? Infinity) ||
          a.org.localeCompare(b.org),
      ),
    recent: finished.map(toQueued),
    plan: plan.map((p) => ({
      ...p,
      zoneName: zoneNames.get(p.zoneId) ?? p.zoneId,
      pinned: pinnedIds.has(p.orgId),
    })),
    planAt,
    pinned: orgs
      .filter((org) => org.pinned)
      .map((org) => org.slug)
      .sort(),
    pinRequests,
  };
}
