// An operator cancels the open deletion of an org's zone. The collector proposes it again on a
// later plan if the org is still idle: pin the org to keep its zone for good.
import { and, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { findOrgForGc } from './org-collection-state';

export async function cancelGcDecision(
  store: Store,
  actor: Actor,
  input: { orgSlug: string },
): Promise<number> {
  return store.transaction(async (tx) => {
    const org = await findOrgForGc(tx, input.orgSlug);
    const d = tx.t.gcDecisions;
    const cancelled = await tx.db
      .update(d)
      .set({ status: 'cancelled', reason: `Cancelled by ${actor.label}.` })
      .where(and(eq(d.orgId, org.id), inArray(d.status, ['proposed', 'approved', 'scheduled'])))
      .returning();
    if (cancelled.length === 0) {
      throw new DomainError('conflict', `${org.slug} has no open deletion to cancel.`);
    }
    for (const row of cancelled) {
      await recordAuditEvent(tx, {
        actor,
        orgId: org.id,
        action: 'gc.decision_cancelled',
        target: row.hostedZoneId,
        outcome: 'success',
        detail: { decisionId: row.id, action: row.action, by: 'operator' },
      });
    }
    return cancelled.length;
  });
}
