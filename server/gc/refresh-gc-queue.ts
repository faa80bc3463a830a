// Writes the collector's plan into the queue (gc_decisions): a deletion becomes a decision,
// proposed for approval in manual mode and scheduled in automatic mode; a zone the plan now keeps
// has its decision cancelled. One transaction, every change audited with it.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { GcDecision as GcDecisionRow } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { loadGcInput } from './load-gc-input';
import { planCollection, type GcDecision } from './plan-collection';

/** Decisions the refresh may rewrite; an executing one belongs to the executor. */
const OPEN = ['proposed', 'approved', 'scheduled'] as const;

export interface QueueChange {
  org: string;
  zoneId: string;
  change: 'proposed' | 'scheduled' | 'rescheduled' | 'cancelled';
}

export async function refreshGcQueue(
  store: Store,
  actor: Actor,
  now: Date,
): Promise<QueueChange[]> {
  return store.transaction(async (tx) => {
    const input = await loadGcInput(tx, now);
    const plan = planCollection(input);
    const d = tx.t.gcDecisions;
    const open = await tx.db
      .select()
      .from(d)
      .where(inArray(d.status, [...OPEN]));
    const openByZone = new Map(open.map((row) => [row.hostedZoneId, row]));
    // A zone being collected (or left mid-teardown by a crash) is the executor's until it is done:
    // a second decision for it would run a second teardown of the same zone.
    const executing = new Set(
      (
        await tx.db
          .select({ hostedZoneId: d.hostedZoneId })
          .from(d)
          .where(eq(d.status, 'executing'))
      ).map((row) => row.hostedZoneId),
    );
    const changes: QueueChange[] = [];
    const audit = async (
      decision: GcDecision,
      action: Parameters<typeof recordAuditEvent>[1]['action'],
      detail: Record<string, unknown>,
    ) =>
      recordAuditEvent(tx, {
        actor,
        orgId: decision.orgId,
        action,
        target: decision.zoneId,
        outcome: 'success',
        detail,
      });
    const cancel = async (row: GcDecisionRow, reason: string, decision?: GcDecision) => {
      await tx.db
        .update(d)
        .set({ status: 'cancelled', reason })
        .where(and(eq(d.id, row.id), inArray(d.status, [...OPEN])));
      if (decision) {
        await audit(decision, 'gc.decision_cancelled', { decisionId: row.id, reason });
        changes.push({ org: decision.org, zoneId: decision.zoneId, change: 'cancelled' });
      }
    };

    const planned = new Set<string>();
    for (const decision of plan) {
      const zoneRowId = input.zoneRowIds.get(decision.zoneId)!;
      planned.add(zoneRowId);
      const existing = openByZone.get(zoneRowId);
      if (decision.action === 'keep' || executing.has(zoneRowId)) continue;
      if (decision.action === 'cancel') {
        // A person's approval (or force) stands against timing, such as a grace period begun
        // again; only a pin or a running cluster cancels it.
        const inUse =
          input.pins.has(decision.orgId) ||
          input.clusters.some((c) => c.orgId === decision.orgId && c.status === 'running');
        if (existing && (existing.status !== 'approved' || inUse))
          await cancel(existing, decision.reason, decision);
        continue;
      }
      const status = input.settings.mode === 'manual' ? 'proposed' : 'scheduled';
      if (existing && existing.status === 'approved') {
        // A person's approval stands; only a scheduled slot moves with the window.
        if (
          existing.action === 'schedule' &&
          existing.scheduledFor?.getTime() !== decision.at?.getTime()
        ) {
          await tx.db
            .update(d)
            .set({ scheduledFor: decision.at, reason: decision.reason })
            .where(eq(d.id, existing.id));
          await audit(decision, 'gc.decision_rescheduled', {
            decisionId: existing.id,
            at: decision.at?.toISOString(),
          });
          changes.push({ org: decision.org, zoneId: decision.zoneId, change: 'rescheduled' });
        }
        continue;
      }
      if (existing && existing.action === decision.action) {
        const moved = existing.scheduledFor?.getTime() !== decision.at?.getTime();
        if (!moved && existing.status === status) continue;
        await tx.db
          .update(d)
          .set({ status, scheduledFor: decision.at, reason: decision.reason })
          .where(eq(d.id, existing.id));
        await audit(decision, 'gc.decision_rescheduled', {
          decisionId: existing.id,
          status,
          at: decision.at?.toISOString(),
        });
        changes.push({ org: decision.org, zoneId: decision.zoneId, change: 'rescheduled' });
        continue;
      }
      // A different action (the free window closed, say) is a new decision, to approve anew.
      if (existing) await cancel(existing, `Superseded: ${decision.reason}`, decision);
      const id = randomUUID();
      await tx.db.insert(d).values({
        id,
        orgId: decision.orgId,
        hostedZoneId: zoneRowId,
        action: decision.action,
        status,
        reason: decision.reason,
        scheduledFor: decision.at,
      });
      await audit(
        decision,
        status === 'proposed' ? 'gc.decision_proposed' : 'gc.decision_scheduled',
        {
          decisionId: id,
          action: decision.action,
          at: decision.at?.toISOString(),
          reason: decision.reason,
          savesUsd: decision.savesUsd,
        },
      );
      changes.push({
        org: decision.org,
        zoneId: decision.zoneId,
        change: status === 'proposed' ? 'proposed' : 'scheduled',
      });
    }
    // A decision whose zone left the plan (deleted, or its org is being deleted) has nothing to do.
    for (const row of open) {
      if (planned.has(row.hostedZoneId)) continue;
      await tx.db
        .update(d)
        .set({
          status: 'cancelled',
          reason:
            'The zone is no longer collectable (deleted, or its organization is being deleted).',
        })
        .where(eq(d.id, row.id));
      await recordAuditEvent(tx, {
        actor,
        orgId: row.orgId,
        action: 'gc.decision_cancelled',
        target: row.hostedZoneId,
        outcome: 'success',
        detail: { decisionId: row.id, reason: 'zone no longer collectable' },
      });
    }
    return changes;
  });
}
