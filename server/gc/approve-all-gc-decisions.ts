// "Approve all" on the queue page: every proposed decision the operator saw, each approved on its
// own terms, so one that has gone stale is refused (with its reason) and the others still pass.
import { eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors/domain-error';
import { approveGcDecision } from './approve-gc-decision';

export interface ApprovalOutcome {
  org: string;
  decisionId: string;
  approved: boolean;
  /** Why it was refused; null once approved. */
  refusal: string | null;
}

export async function approveAllGcDecisions(
  store: Store,
  actor: Actor,
  decisionIds: string[],
  now: Date = new Date(),
): Promise<ApprovalOutcome[]> {
  if (decisionIds.length === 0) {
    throw new DomainError('conflict', 'No proposed deletion to approve.');
  }
  const d = store.t.gcDecisions;
  const o = store.t.organizations;
  const rows = await store.db
    .select({ id: d.id, org: o.slug })
    .from(d)
    .innerJoin(o, eq(o.id, d.orgId))
    .where(inArray(d.id, decisionIds));
  const orgOf = new Map(rows.map((row) => [row.id, row.org]));
  const outcomes: ApprovalOutcome[] = [];
  for (const decisionId of decisionIds) {
    const org = orgOf.get(decisionId);
    if (org === undefined) {
      outcomes.push({ org: '', decisionId, approved: false, refusal: 'No such decision.' });
      continue;
    }
    try {
      await approveGcDecision(store, actor, { orgSlug: org, decisionId, now });
      outcomes.push({ org, decisionId, approved: true, refusal: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ org, decisionId, approved: false, refusal: error.message });
    }
  }
  return outcomes;
}
