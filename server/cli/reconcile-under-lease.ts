// One reconciler pass from the CLI, under the reconciler lease so it never races the app's loop or
// another replica; the lease is released afterwards so the loop carries on at once.
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { getVaultKv } from '../cloud/vault';
import {
  removeDeletedClusters,
  type ClusterRemovalResult,
} from '../clusters/remove-deleted-clusters';
import { getConfig } from '../config/config';
import { releaseLease, tryAcquireLease, whileHoldingLease } from '../provisioning/leader-lease';
import { LeaseLost } from '../provisioning/lease-guard';
import { reconcilePass, type ReconcileReport } from '../provisioning/reconcile-pass';
import { RECONCILER_LEASE, replicaId } from '../provisioning/reconciler-loop';

export type LeasedPass =
  | { ran: true; report: ReconcileReport; removals: ClusterRemovalResult[] }
  | { ran: false; reason: 'lease-held' | 'lease-lost'; detail?: string };

/** `leaseWaitMs`: how long to wait for the lease, e.g. to outlive a dead replica's lease. */
export async function reconcileUnderLease(
  store: Store,
  actor: Actor,
  options: { slugs?: string[]; leaseTtlMs: number; leaseWaitMs: number },
): Promise<LeasedPass> {
  const me = replicaId();
  const deadline = Date.now() + options.leaseWaitMs;
  while (!(await tryAcquireLease(store, RECONCILER_LEASE, me, options.leaseTtlMs))) {
    if (Date.now() >= deadline) return { ran: false, reason: 'lease-held' };
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    return await whileHoldingLease(
      store,
      RECONCILER_LEASE,
      me,
      options.leaseTtlMs,
      async (lease) => {
        const report = await reconcilePass(store, actor, { slugs: options.slugs, lease });
        // Deleted clusters are carried out too (all of them: a removal is never partial work).
        const removals = await removeDeletedClusters(
          store,
          () => ({ vault: getVaultKv(), actor, kubeTimeoutMs: getConfig().ZK_KUBE_TIMEOUT_MS }),
          { lease },
        );
        return { ran: true as const, report, removals };
      },
    );
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    return { ran: false, reason: 'lease-lost', detail: error.message };
  } finally {
    await releaseLease(store, RECONCILER_LEASE, me);
  }
}
