// An operator approves the deletion the collector proposes for an org's zone (manual mode). The
// approval holds only for the decision the operator saw: one that has gone stale is refused.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { GcDecision as GcDecisionRow } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { orgCollectionState } from './org-collection-state';

export async function approveGcDecision(
  store: Store,
  actor: Actor,
  input: { orgSlug: string; decisionId?: string; now?: Date },
): Promise<GcDecisionRow> {
  const now = input.now ?? new Date();
  return store.transaction(async (tx) => {
    const { org, zone, planned, active } = await orgCollectionState(tx, input.orgSlug, now);
    const d = tx.t.gcDecisions;
    if (input.decisionId !== undefined) {
      const [seen] = await tx.db
        .select()
        .from(d)
        .where(and(eq(d.id, input.decisionId), eq(d.orgId, org.id)));
      if (!seen)
        throw new DomainError('not_found', `${org.slug} has no decision ${input.decisionId}.`);
      if (seen.status !== 'proposed' || planned?.action !== seen.action) {
        throw new DomainError(
          'conflict',
          `That decision has gone stale (it is ${seen.status}, and the plan now says ${planned ? `${planned.action}: ${planned.reason}` : 'nothing, as the zone is gone'}). Review the plan again (zk gc plan) and approve what it says now.`,
        );
      }
    }
    if (!zone || !planned || (planned.action !== 'delete-now' && planned.action !== 'schedule')) {
      throw new DomainError(
        'conflict',
        `Nothing to approve for ${org.slug}: ${planned ? planned.reason : 'it has no live zone.'}`,
      );
    }
    const open = active.find(
      (row) => row.hostedZoneId === zone.id && row.action === planned.action,
    );
    if (open?.status === 'approved' || open?.status === 'executing') {
      throw new DomainError(
        'conflict',
        `The deletion of ${org.slug}'s zone is already ${open.status}.`,
      );
    }
    const approval = {
      status: 'approved' as const,
      approvedBy: actor.type === 'user' ? (actor.id ?? null) : null,
      approvedAt: now,
      scheduledFor: planned.at,
      reason: planned.reason,
    };
    let row: GcDecisionRow | undefined;
    if (open) {
      [row] = await tx.db.update(d).set(approval).where(eq(d.id, open.id)).returning();
    } else {
      [row] = await tx.db
        .insert(d)
        .values({
          id: randomUUID(),
          orgId: org.id,
          hostedZoneId: zone.id,
          action: planned.action,
          ...approval,
        })
        .returning();
    }
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'gc.decision_approved',
      target: zone.awsZoneId!,
      outcome: 'success',
      detail: { decisionId: row!.id, action: planned.action, at: planned.at?.toISOString() },
    });
    return row!;
  });
}
