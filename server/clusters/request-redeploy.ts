// Asks for ExternalDNS to be applied to a connected cluster again now, whatever it holds: the
// cluster is marked deploying with no retry wait, which is what the reconciler's ExternalDNS pass
// (deliver-pending-clusters.ts) picks up on its next pass. The request path does no Kubernetes
// call itself: a rollout can take a minute, and the page follows the state live.
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { getClusterOrThrow } from './get-cluster-or-throw';

export interface RequestRedeployContext {
  store: Store;
  actor: Actor;
  org: Organization;
}

export async function requestRedeploy(
  { store, actor, org }: RequestRedeployContext,
  input: { name: string },
): Promise<{ name: string }> {
  const cluster = await getClusterOrThrow(store, { org, name: input.name });
  if (cluster.connectionKind !== 'kubeconfig') {
    throw new DomainError(
      'invalid_input',
      `${cluster.name} is a manual cluster: Zonekeeper cannot reach it. Download its manifest and apply it (kubectl apply --server-side -f).`,
    );
  }
  await store.transaction(async (tx) => {
    const c = tx.t.clusters;
    const updated = await tx.db
      .update(c)
      .set({ externalDnsState: 'deploying', externalDnsRetryAt: null })
      .where(and(eq(c.id, cluster.id), eq(c.orgId, org.id), isNull(c.deletedAt)))
      .returning({ id: c.id });
    if (updated.length === 0) {
      throw new DomainError('not_found', `${org.slug} has no cluster named "${input.name}".`);
    }
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'externaldns.redeploy_requested',
      target: cluster.name,
      outcome: 'success',
      detail: { uid: cluster.uid, from: cluster.externalDnsState },
    });
  });
  return { name: cluster.name };
}
