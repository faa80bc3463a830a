// An operator forces the collection of an org's zone now, whatever the plan says of timing; a
// pinned org or one with a running cluster is refused with the reason. The executor does it.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { GcDecision as GcDecisionRow } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { collectionRefusal, orgCollectionState } from './org-collection-state';

export async function forceGcCollection(
  store: Store,
  actor: Actor,
  input: { orgSlug: string; now?: Date },
): Promise<GcDecisionRow> {
  const now = input.now ?? new Date();
  return store.transaction(async (tx) => {
    const { org, zone, active } = await orgCollectionState(tx, input.orgSlug, now);
    const refusal = await collectionRefusal(tx, org);
    if (refusal) throw new DomainError('conflict', `Not forced: ${refusal}`);
    if (!zone?.awsZoneId) {
      throw new DomainError('conflict', `Not forced: ${org.slug} has no live zone to collect.`);
    }
    if (active.some((row) => row.status === 'executing')) {
      throw new DomainError('conflict', `The zone of ${org.slug} is being collected already.`);
    }
    const d = tx.t.gcDecisions;
    await tx.db
      .update(d)
      .set({ status: 'cancelled', reason: `Replaced by a forced deletion (${actor.label}).` })
      .where(and(eq(d.orgId, org.id), inArray(d.status, ['proposed', 'approved', 'scheduled'])));
    const [row] = await tx.db
      .insert(d)
      .values({
        id: randomUUID(),
        orgId: org.id,
        hostedZoneId: zone.id,
        action: 'delete-now',
        status: 'approved',
        reason: `Forced now by ${actor.label}.`,
        scheduledFor: now,
        approvedBy: actor.type === 'user' ? (actor.id ?? null) : null,
        approvedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'gc.forced',
      target: zone.awsZoneId,
      outcome: 'success',
      detail: { decisionId: row!.id },
    });
    return row!;
  });
}
