// An admin or operator sets a cluster's status by hand (a cluster whose platform does not report
// it, or a report that is wrong): the same columns the platform's report moves, audited with who.
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { getClusterOrThrow } from './get-cluster-or-throw';

/** "deleted" is not among them: deleting a cluster has its own verb and follow-up work. */
export const SETTABLE_CLUSTER_STATUSES = ['pending', 'running', 'stopped'] as const;
export type SettableClusterStatus = (typeof SETTABLE_CLUSTER_STATUSES)[number];

export const setClusterStatusInput = z.object({
  name: z.string().trim().min(1, 'Say which cluster.'),
  status: z.enum(
    SETTABLE_CLUSTER_STATUSES,
    'Choose a status of "pending", "running" or "stopped" (delete a cluster with Delete).',
  ),
});

export interface SetClusterStatusContext {
  store: Store;
  actor: Actor;
  org: Organization;
}

export interface ClusterStatusSet {
  name: string;
  status: SettableClusterStatus;
  lastSeenAt: Date;
}

export async function setClusterStatus(
  { store, actor, org }: SetClusterStatusContext,
  rawInput: { name: string; status: string },
  now: () => Date = () => new Date(),
): Promise<ClusterStatusSet> {
  const parsed = setClusterStatusInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('invalid_input', issue?.message ?? 'Check the status.', {
      [String(issue?.path[0] ?? 'status')]: [issue?.message ?? 'Check the status.'],
    });
  }
  const { name, status } = parsed.data;
  const cluster = await getClusterOrThrow(store, { org, name });
  const lastSeenAt = now();
  await store.transaction(async (tx) => {
    const c = tx.t.clusters;
    const updated = await tx.db
      .update(c)
      .set({ status, lastSeenAt })
      .where(and(eq(c.id, cluster.id), eq(c.orgId, org.id), isNull(c.deletedAt)))
      .returning({ id: c.id });
    // Deleted between the read and this write.
    if (updated.length === 0) {
      throw new DomainError('not_found', `${org.slug} has no cluster named "${name}".`);
    }
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'cluster.status_set',
      target: cluster.name,
      outcome: 'success',
      detail: { uid: cluster.uid, from: cluster.status, to: status },
    });
  });
  return { name: cluster.name, status, lastSeenAt };
}
