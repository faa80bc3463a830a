// Pinning an org keeps its zone for good: the collector never plans its deletion, and open
// deletions are cancelled with the pin. Unpinning hands it back to the collector's rules.
import { and, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { findOrgForGc } from './org-collection-state';

export async function setGcPin(
  store: Store,
  actor: Actor,
  input: { orgSlug: string; pinned: boolean },
): Promise<{ changed: boolean; cancelled: number }> {
  return store.transaction(async (tx) => {
    const org = await findOrgForGc(tx, input.orgSlug);
    if (org.gcPinned === input.pinned) return { changed: false, cancelled: 0 };
    const o = tx.t.organizations;
    await tx.db.update(o).set({ gcPinned: input.pinned }).where(eq(o.id, org.id));
    let cancelled = 0;
    if (input.pinned) {
      const d = tx.t.gcDecisions;
      const rows = await tx.db
        .update(d)
        .set({ status: 'cancelled', reason: `The organization was pinned by ${actor.label}.` })
        .where(and(eq(d.orgId, org.id), inArray(d.status, ['proposed', 'approved', 'scheduled'])))
        .returning({ id: d.id });
      cancelled = rows.length;
    }
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: input.pinned ? 'gc.pinned' : 'gc.unpinned',
      target: org.slug,
      outcome: 'success',
      detail: input.pinned ? { cancelledDecisions: cancelled } : undefined,
    });
    return { changed: true, cancelled };
  });
}
