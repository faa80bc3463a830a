// The reconciler as a long-running loop inside the app process: while this replica holds the
// lease it runs a pass every interval (or at once when nudged); otherwise it only tries to
// take the lease. Exactly one replica reconciles at a time: a pass stops once its lease is lost.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Store } from '@/db/open-store';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor';
import { getVaultKv } from '../cloud/vault';
import type { DeliveryContext } from '../clusters/deliver-externaldns';
import { deliverPendingClusters, ROLLOUT_TIMEOUT_MS } from '../clusters/deliver-pending-clusters';
import { removeDeletedClusters } from '../clusters/remove-deleted-clusters';
import { retireRotatedKeys } from '../credentials/retire-old-key';
import { getConfig } from '../config/config';
import { reconcilerGcStep } from '../gc/gc-loop-step';
import { syncDueZones } from '../hostnames/scheduled-record-sync';
import { logger } from '../log/logger';
import { getStore } from '../store';
import { reconcileTls } from '../tls/reconcile-tls';
import { releaseLease, tryAcquireLease, whileHoldingLease } from './leader-lease';
import { LeaseLost } from './lease-guard';
import { reconcilePass } from './reconcile-pass';

export const RECONCILER_LEASE = 'reconciler';

export function replicaId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

const holder = globalThis as unknown as {
  zonekeeperReconciler?: { stop(): Promise<void>; nudge(): void };
};

export function deliveryContext(store: Store, actor: Actor = SYSTEM_ACTOR): DeliveryContext {
  const config = getConfig();
  return {
    store,
    vault: getVaultKv(),
    actor,
    baseDomain: config.ZK_BASE_DOMAIN,
    kubeTimeoutMs: config.ZK_KUBE_TIMEOUT_MS,
    rolloutTimeoutMs: ROLLOUT_TIMEOUT_MS,
  };
}

/** Starts the loop once per process; later calls return the running one. */
export function startReconcilerLoop() {
  if (holder.zonekeeperReconciler) return holder.zonekeeperReconciler;
  const config = getConfig();
  const me = replicaId();
  let stopped = false;
  let wake: (() => void) | undefined;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const run = async () => {
    const store = await getStore();
    let leading = false;
    while (!stopped) {
      try {
        const holds = await tryAcquireLease(store, RECONCILER_LEASE, me, config.ZK_LEASE_TTL_MS);
        if (holds !== leading)
          logger.info(holds ? 'reconciler: leading' : 'reconciler: standing by', { replica: me });
        leading = holds;
        if (leading) {
          const startedAt = new Date();
          const { results } = await whileHoldingLease(
            store,
            RECONCILER_LEASE,
            me,
            config.ZK_LEASE_TTL_MS,
            async (lease) => {
              // The collector first: a zone brought back is then made again in this same pass.
              await reconcilerGcStep.run(store, SYSTEM_ACTOR, { lease });
              const pass = await reconcilePass(store, SYSTEM_ACTOR, { lease });
              // Then ExternalDNS in every connected cluster, with each org's current key.
              await deliverPendingClusters(store, () => deliveryContext(store), { lease });
              // Then each rotated-out key whose clusters all hold the new one is deleted.
              await retireRotatedKeys(store, () => deliveryContext(store), { lease });
              // Then deleted clusters: ExternalDNS out of them, then their records out of the zone.
              await removeDeletedClusters(store, () => deliveryContext(store), { lease });
              // Then the zones whose record sync is due, as many as this pass's share allows.
              await syncDueZones(store, {
                lease,
                passSeconds: config.ZK_RECONCILE_INTERVAL_MS / 1000,
              });
              // Then each org's certificates: issued, renewed, delivered as TLS Secrets.
              await reconcileTls(store, () => deliveryContext(store), { lease });
              return pass;
            },
          );
          if (results.length > 0)
            // Replica and start time let an operator (and the replicas test) see who did what when.
            logger.info('reconciler: pass done', {
              replica: me,
              startedAt: startedAt.toISOString(),
              results: results.map((r) => `${r.slug}:${r.outcome}`),
            });
        }
      } catch (error) {
        if (error instanceof LeaseLost) {
          // Another replica may lead now; say why this one stopped, then try to win it back.
          logger.warn('reconciler: lease lost, pass stopped', {
            replica: me,
            reason: error.message,
          });
          leading = false;
        } else logger.error('reconciler: pass failed', { error });
      }
      // Renew well within the lease period, so a long pass does not lose it.
      await nap(Math.min(config.ZK_RECONCILE_INTERVAL_MS, config.ZK_LEASE_TTL_MS / 3));
    }
    if (leading) await releaseLease(store, RECONCILER_LEASE, me).catch(() => {});
  };
  const done = run();
  holder.zonekeeperReconciler = {
    nudge: () => wake?.(),
    stop: async () => {
      stopped = true;
      wake?.();
      await done;
      holder.zonekeeperReconciler = undefined;
    },
  };
  return holder.zonekeeperReconciler;
}

/** Asks the running loop (if this process has one) to look for work now. */
export function nudgeReconciler(): void {
  holder.zonekeeperReconciler?.nudge();
}
