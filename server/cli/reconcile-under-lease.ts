// One reconciler pass from the CLI, under the reconciler lease so it never races the app's loop or
// another replica; the lease is released afterwards so the loop carries on at once. The pass ends
// with the rotation gate, so a rotation started by the CLI reaches the clusters and retires the
// old key in the same run.
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import {
  removeDeletedClusters,
  type ClusterRemovalResult,
} from '../clusters/remove-deleted-clusters';
import { releaseLease, tryAcquireLease, whileHoldingLease } from '../provisioning/leader-lease';
import { LeaseLost } from '../provisioning/lease-guard';
import { reconcilePass, type ReconcileReport } from '../provisioning/reconcile-pass';
import { deliveryContext, RECONCILER_LEASE, replicaId } from '../provisioning/reconciler-loop';
import { retireRotatedKeys, type RetirementResult } from '../credentials/retire-old-key';

export type LeasedPass =
  | {
      ran: true;
      report: ReconcileReport;
      removals: ClusterRemovalResult[];
      retirements: RetirementResult[];
    }
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
        const retirements = await retireRotatedKeys(store, () => deliveryContext(store, actor), {
          lease,
          slugs: options.slugs,
        });
        // Deleted clusters are carried out too (all of them: a removal is never partial work).
        const removals = await removeDeletedClusters(store, () => deliveryContext(store, actor), {
          lease,
        });
        return { ran: true as const, report, removals, retirements };
      },
    );
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    return { ran: false, reason: 'lease-lost', detail: error.message };
  } finally {
    await releaseLease(store, RECONCILER_LEASE, me);
  }
}
