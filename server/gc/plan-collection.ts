// The collector's plan: for every zone, delete it now, schedule it for just before the next 1st,
// keep it, or cancel an earlier decision — each with its reason in words. Pure: time is an input.
import { DomainError } from '@/server/errors/domain-error';
import { priceCharges } from '@/server/billing/price-charges';
import { toUsd } from '@/server/billing/route53-prices';
import { zoneCostStatus } from '@/server/billing/zone-cost-status';
import { nextUtcMonthStart, utcMonthName } from '@/server/billing/utc-calendar';
import { freeWindowEnd, zoneAsOf } from '@/server/billing/zone-charges';

export interface GcOrg {
  id: string;
  slug: string;
  createdAt: Date;
  /**
   * True while the reconciler is still making the org's zone, delegation or identity (a new org,
   * or a zone brought back): a teardown then would race the provisioning that is under way.
   */
  provisioning?: boolean;
}

export interface GcZone {
  orgId: string;
  zoneId: string;
  createdAt: Date;
  deletedAt: Date | null;
  recordCount: number;
  /** Route 53 calls its teardown needs, when the caller has counted them (record sizes known). */
  teardownCalls?: number;
}

export interface GcCluster {
  orgId: string;
  name: string;
  status: 'pending' | 'running' | 'stopped' | 'deleted';
  createdAt: Date;
  /** When it last stopped running (stopped or deleted); null if it never ran. */
  stoppedAt: Date | null;
}

export interface GcSettings {
  /** How long an org must have had no running cluster before its zone is collected. */
  gracePeriodMs: number;
  /** Kept clear before the free window closes and before 00:00 UTC on the 1st. */
  safetyMarginMs: number;
  mode: 'manual' | 'automatic';
  /** Estimate when a zone carries no count: fixed calls per zone, plus calls per 1,000 records. */
  teardownCalls: { perZone: number; perThousandRecords: number };
  /** The share of the installation's Route 53 budget teardown may use, in requests per second. */
  route53RequestsPerSecond: number;
}

export interface ExistingGcDecision {
  orgId: string;
  zoneId: string;
  action: 'delete-now' | 'schedule' | 'keep' | 'cancel';
  status: 'proposed' | 'approved' | 'scheduled' | 'executing' | 'done' | 'cancelled' | 'failed';
}

export interface PlanCollectionInput {
  orgs: readonly GcOrg[];
  zones: readonly GcZone[];
  clusters: readonly GcCluster[];
  settings: GcSettings;
  /** Org ids an operator pinned: never collected. */
  pins: ReadonlySet<string>;
  decisions: readonly ExistingGcDecision[];
  /** Zones in the AWS account outside this plan (the parent zone…), for the price tier. */
  otherAccountZones: number;
  now: Date;
}

export interface GcDecision {
  org: string;
  orgId: string;
  zoneId: string;
  action: 'delete-now' | 'schedule' | 'keep' | 'cancel';
  /** When to act: now for delete-now and cancel, the slot in the window for schedule; null for keep. */
  at: Date | null;
  reason: string;
  /** In manual mode a deletion waits for a person, unless this very decision was approved. */
  needsApproval: boolean;
  /** What acting saves: the charges avoided, in USD. */
  savesUsd: number;
  teardownCalls: number;
}

const ACTIVE = new Set<ExistingGcDecision['status']>([
  'proposed',
  'approved',
  'scheduled',
  'executing',
]);

/**
 * Plans the collection of every zone that exists at `now`. A zone whose org is pinned or has a
 * running cluster is kept (an earlier decision for it is cancelled). Otherwise, once the org has
 * had no running cluster for the grace period (a new org counts from its creation, a registered
 * cluster from its registration): a zone younger than 12 h minus the margin is deleted now, free;
 * an older one is already paid for this month, so it is kept until a window just before the next
 * 00:00 UTC on the 1st. The window is sized from the teardown calls of every zone scheduled for
 * it and the request budget, so that all of them finish a margin before midnight; each zone gets
 * its own slot. A zone that could not finish before midnight moves to the next month's window.
 */
export function planCollection(input: PlanCollectionInput): GcDecision[] {
  assertValidInput(input);
  const { settings, now } = input;
  const orgs = new Map(input.orgs.map((o) => [o.id, o]));
  const live = input.zones
    .map((z) => zoneAsOfNow(z, now))
    .filter((z): z is GcZone => z !== null && z.deletedAt === null);
  const account = { zones: input.zones, otherAccountZones: input.otherAccountZones };
  const costs = zoneCostStatus(account, now);
  const costOf = new Map(costs.zones.map((c) => [c.zoneId, c]));
  const provisionalUsd = new Map(live.map((z) => [z.zoneId, 0]));
  for (const charge of priceCharges(account, now)) {
    const sum = provisionalUsd.get(charge.zoneId);
    if (charge.provisional && sum !== undefined) {
      provisionalUsd.set(charge.zoneId, sum + toUsd(charge.amount));
    }
  }
  const active = new Map(
    input.decisions.filter((d) => ACTIVE.has(d.status)).map((d) => [d.zoneId, d]),
  );
  const decisions: GcDecision[] = [];
  const toSchedule: { zone: GcZone; org: GcOrg; calls: number; closing: Date | null }[] = [];

  for (const zone of live) {
    const org = orgs.get(zone.orgId)!;
    const calls = teardownCallsOf(zone, settings);
    const cost = costOf.get(zone.zoneId)!;
    const decide = (
      action: GcDecision['action'],
      at: Date | null,
      reason: string,
      savesUsd = 0,
    ): GcDecision => {
      const existing = active.get(zone.zoneId);
      const deletes = action === 'delete-now' || action === 'schedule';
      const approved = existing?.status === 'approved' && existing.action === action;
      return {
        org: org.slug,
        orgId: org.id,
        zoneId: zone.zoneId,
        action,
        at,
        reason,
        needsApproval: deletes && settings.mode === 'manual' && !approved,
        savesUsd,
        teardownCalls: calls,
      };
    };
    const keep = (reason: string) => {
      const existing = active.get(zone.zoneId);
      const deleting =
        existing && (existing.action === 'delete-now' || existing.action === 'schedule');
      decisions.push(
        deleting
          ? decide(
              'cancel',
              now,
              `Cancel the ${existing.action === 'schedule' ? 'scheduled deletion' : 'deletion'}. ${reason}`,
            )
          : decide('keep', null, reason),
      );
    };

    if (input.pins.has(org.id)) {
      keep('The organization is pinned by an operator: its zone is never collected.');
      continue;
    }
    if (org.provisioning) {
      keep(
        'The reconciler is still provisioning the organization; its zone is weighed once that is done.',
      );
      continue;
    }
    const clusters = input.clusters.filter((c) => c.orgId === org.id);
    const running = clusters.filter((c) => c.status === 'running');
    if (running.length > 0) {
      keep(`Cluster ${running.map((c) => c.name).join(', ')} is running, so the zone is in use.`);
      continue;
    }
    const idleSince = new Date(
      Math.max(
        org.createdAt.getTime(),
        ...clusters.map((c) => Math.max(c.createdAt.getTime(), c.stoppedAt?.getTime() ?? 0)),
      ),
    );
    const graceEnds = new Date(idleSince.getTime() + settings.gracePeriodMs);
    if (now.getTime() < graceEnds.getTime()) {
      keep(
        clusters.length === 0
          ? `No cluster yet; a new organization has a grace period until ${iso(graceEnds)}.`
          : `No running cluster since ${iso(idleSince)}; the grace period ends at ${iso(graceEnds)}.`,
      );
      continue;
    }
    const idle =
      clusters.length === 0
        ? `No cluster since the organization was created (${iso(org.createdAt)})`
        : `No running cluster since ${iso(idleSince)}`;
    const freeUntil = freeWindowEnd(zone);
    // Deleted now only if its whole teardown ends a margin before the window closes.
    const teardownMs = Math.ceil((calls * 1000) / settings.route53RequestsPerSecond);
    if (now.getTime() + teardownMs < freeUntil.getTime() - settings.safetyMarginMs) {
      decisions.push(
        decide(
          'delete-now',
          now,
          `${idle}, past the grace period. Its free window closes at ${iso(freeUntil)}: deleted now, it costs nothing.`,
          // Every charge so far is provisional and waived, and a 1st still inside the window too.
          provisionalUsd.get(zone.zoneId)! +
            (cost.nextChargeAt !== null && cost.nextChargeAt < freeUntil ? cost.nextChargeUsd : 0),
        ),
      );
      continue;
    }
    // Still inside its free window, but too close to its end to finish a teardown with the margin.
    const closing = now.getTime() < freeUntil.getTime() ? freeUntil : null;
    toSchedule.push({ zone, org, calls, closing });
    decisions.push(decide('schedule', null, idle, cost.nextChargeUsd));
  }

  for (const slot of windowSlots(toSchedule, settings, now)) {
    const decision = decisions.find((d) => d.zoneId === slot.zoneId)!;
    const month = utcMonthName(new Date(slot.target.getTime() - 1));
    decision.at = slot.at;
    decision.reason =
      `${decision.reason}, past the grace period. ` +
      (slot.closing
        ? `Its free window closes at ${iso(slot.closing)}, too soon to tear it down with the margin, so ${month} is charged: the zone is kept `
        : `${month} is already paid for, so the zone is kept `) +
      `(a cluster may come back) and deleted in the window before ${iso(slot.target)}: ` +
      `${slot.windowCalls} teardown calls at ${settings.route53RequestsPerSecond} requests/s, ` +
      `from ${iso(slot.windowStart)}, ending ${Math.round(settings.safetyMarginMs / 60_000)} min before midnight UTC.` +
      (slot.late ? ' The window had already begun, so it starts now.' : '') +
      (slot.pushed ? ' It could not finish before the earlier 1st, so it waits for this one.' : '');
  }
  return decisions.sort(
    (a, b) =>
      (a.at?.getTime() ?? Infinity) - (b.at?.getTime() ?? Infinity) ||
      a.org.localeCompare(b.org) ||
      a.zoneId.localeCompare(b.zoneId),
  );
}

interface Slot {
  zoneId: string;
  closing: Date | null;
  at: Date;
  target: Date;
  windowStart: Date;
  windowCalls: number;
  late: boolean;
  pushed: boolean;
}

// Zones are laid end to end in the window, oldest first; those that would pass midnight go to
// the next month's window, sized again from what is left.
function windowSlots(
  pending: { zone: GcZone; calls: number; closing: Date | null }[],
  settings: GcSettings,
  now: Date,
): Slot[] {
  const msPerCall = 1000 / settings.route53RequestsPerSecond;
  const slots: Slot[] = [];
  let queue = [...pending].sort(
    (a, b) =>
      a.zone.createdAt.getTime() - b.zone.createdAt.getTime() ||
      a.zone.zoneId.localeCompare(b.zone.zoneId),
  );
  let target = nextUtcMonthStart(now);
  let pushed = false;
  for (let round = 0; queue.length > 0; round++) {
    const windowCalls = queue.reduce((sum, q) => sum + q.calls, 0);
    const windowStart = new Date(
      target.getTime() - settings.safetyMarginMs - Math.ceil(windowCalls * msPerCall),
    );
    const begin = Math.max(now.getTime(), windowStart.getTime());
    const late = begin > windowStart.getTime();
    // A teardown longer than a month fits no window: after two tries it simply starts.
    const lastTry = round >= 2;
    const next: typeof queue = [];
    let used = 0;
    for (const q of queue) {
      const at = begin + Math.ceil(used * msPerCall);
      if (!lastTry && at + Math.ceil(q.calls * msPerCall) > target.getTime()) {
        next.push(q);
        continue;
      }
      used += q.calls;
      slots.push({
        zoneId: q.zone.zoneId,
        closing: q.closing,
        at: new Date(at),
        target,
        windowStart,
        windowCalls,
        late,
        pushed,
      });
    }
    queue = next;
    target = nextUtcMonthStart(target);
    pushed = true;
  }
  return slots;
}

export function teardownCallsOf(zone: GcZone, settings: GcSettings): number {
  if (zone.teardownCalls !== undefined) return zone.teardownCalls;
  const { perZone, perThousandRecords } = settings.teardownCalls;
  return perZone + Math.ceil(zone.recordCount / 1000) * perThousandRecords;
}

function zoneAsOfNow(zone: GcZone, now: Date): GcZone | null {
  const known = zoneAsOf(zone, now);
  return known === null ? null : { ...zone, deletedAt: known.deletedAt };
}

function iso(at: Date): string {
  return at.toISOString().replace('.000Z', 'Z');
}

function assertValidInput(input: PlanCollectionInput): void {
  const s = input.settings;
  const fail = (message: string) => {
    throw new DomainError('invalid_input', message);
  };
  if (!(s.route53RequestsPerSecond > 0) || !Number.isFinite(s.route53RequestsPerSecond)) {
    fail(
      `The Route 53 budget for teardown must be more than 0 requests per second; got ${s.route53RequestsPerSecond}.`,
    );
  }
  if (!(s.gracePeriodMs >= 0))
    fail(`The grace period must be 0 or more milliseconds; got ${s.gracePeriodMs}.`);
  if (!(s.safetyMarginMs >= 0 && s.safetyMarginMs < 12 * 3_600_000)) {
    fail(
      `The safety margin must be at least 0 and under 12 hours (the free window); got ${s.safetyMarginMs} ms.`,
    );
  }
  if (!(s.teardownCalls.perZone >= 0 && s.teardownCalls.perThousandRecords >= 0)) {
    fail('Teardown call estimates must be 0 or more.');
  }
  if (Number.isNaN(input.now.getTime())) fail('The planning time is not a valid time.');
  const orgIds = new Set(input.orgs.map((o) => o.id));
  const zoneIds = new Set<string>();
  for (const zone of input.zones) {
    if (!orgIds.has(zone.orgId))
      fail(`Zone ${zone.zoneId} belongs to org ${zone.orgId}, which is not in the plan's orgs.`);
    if (zoneIds.has(zone.zoneId))
      fail(`Zone ${zone.zoneId} is listed twice; list each hosted zone once.`);
    zoneIds.add(zone.zoneId);
    if (zone.teardownCalls !== undefined && !(zone.teardownCalls >= 0)) {
      fail(`Zone ${zone.zoneId} has ${zone.teardownCalls} teardown calls; it must be 0 or more.`);
    }
  }
}
