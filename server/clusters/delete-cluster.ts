// Deletes a cluster: marks it deleted (its UID stays taken for ever, so no later cluster inherits
// its TXT registry records) and its removal due, which the reconciler carries out
// (remove-deleted-clusters.ts); hands back what that removal will do, in words.
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { clusterRemovalWork, type ClusterRemovalWork } from './cluster-removal';
import { getClusterOrThrow } from './get-cluster-or-throw';

export interface DeleteClusterContext {
  store: Store;
  actor: Actor;
  org: Organization;
}

export async function deleteCluster(
  { store, actor, org }: DeleteClusterContext,
  input: { name: string },
  now: () => Date = () => new Date(),
): Promise<ClusterRemovalWork> {
  const cluster = await getClusterOrThrow(store, { org, name: input.name });
  const deletedAt = now();
  await store.transaction(async (tx) => {
    const c = tx.t.clusters;
    const updated = await tx.db
      .update(c)
      .set({
        status: 'deleted',
        deletedAt,
        // The reconciler's removal pass (remove-deleted-clusters.ts) takes it from here. Zonekeeper
        // cannot reach a manual cluster: its admin removes ExternalDNS, we delete the records.
        removalState:
          cluster.connectionKind === 'kubeconfig' ? 'removing-externaldns' : 'deleting-records',
      })
      .where(and(eq(c.id, cluster.id), eq(c.orgId, org.id), isNull(c.deletedAt)))
      .returning({ id: c.id });
    // Another request deleted it between the read and this write.
    if (updated.length === 0) {
      throw new DomainError('not_found', `${org.slug} has no cluster named "${input.name}".`);
    }
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'cluster.deleted',
      target: cluster.name,
      outcome: 'success',
      detail: { uid: cluster.uid, connection: cluster.connectionKind },
    });
  });
  return clusterRemovalWork(cluster);
}
