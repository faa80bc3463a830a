// One pass of the collector, for `zk gc run` and the reconciler loop: collected zones whose org has
// a cluster again handed back to the reconciler, the queue refreshed from the plan at this moment,
// then every decision that is due executed, under the reconciler lease.
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import type { LeaseGuard } from '../provisioning/lease-guard';
import { bringBackCollectedZones, type ZoneReturn } from './bring-back-collected-zones';
import { collectDueZones, type CollectionResult } from './collect-due-zones';
import { refreshGcQueue, type QueueChange } from './refresh-gc-queue';

export interface GcPassReport {
  returns: ZoneReturn[];
  queue: QueueChange[];
  collections: CollectionResult[];
}

export async function runGcPass(
  store: Store,
  actor: Actor,
  options: { lease: LeaseGuard; now?: Date; orgIds?: string[] },
): Promise<GcPassReport> {
  const now = options.now ?? new Date();
  await options.lease.confirm();
  const returns = await bringBackCollectedZones(store, actor, options);
  const queue = await refreshGcQueue(store, actor, now);
  const collections = await collectDueZones(store, actor, { ...options, now });
  return { returns, queue, collections };
}
