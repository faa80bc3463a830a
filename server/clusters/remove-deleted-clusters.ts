// The reconciler's removal pass: every deleted cluster whose removal is not done is carried one
// state further, in the order that keeps DNS safe — ExternalDNS out of the cluster first (so it
// cannot publish again), then the records it owned out of the zone. Each state is stored before
// the next begins, so a crash or a lost lease resumes where it stopped; a failure is stored in
// words with a retry time, and one cluster's trouble does not hold up the others.
import { and, asc, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster, Organization } from '@/db/rows';
import type { ClusterRemovalState } from '@/db/schema/enums';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { CloudError } from '../cloud/cloud-error';
import { logger } from '../log/logger';
import { crashPoint } from '../provisioning/crash-point';
import type { LeaseGuard } from '../provisioning/lease-guard';
import { deleteClusterRecords, explainLeftOver } from './delete-cluster-records';
import { explainRemovalFailure } from './explain-removal-failure';
import { removeExternalDns, type RemovalContext } from './remove-externaldns';

/** How long a cluster whose removal failed waits before the reconciler tries it again. */
export const REMOVAL_RETRY_MS = 30_000;

export interface ClusterRemovalStepContext extends RemovalContext {
  actor: Actor;
}

export interface ClusterRemovalResult {
  org: string;
  cluster: string;
  state: ClusterRemovalState;
  /** Why it stopped, in words; absent when it got through. */
  error?: string;
}

/**
 * `contextFor` is called only when some removal is due, so an installation with none pays one
 * query per pass.
 */
export async function removeDeletedClusters(
  store: Store,
  contextFor: () => ClusterRemovalStepContext,
  options: { lease?: LeaseGuard; now?: Date } = {},
): Promise<ClusterRemovalResult[]> {
  const due = await removalsDue(store, options.now ?? new Date());
  if (due.length === 0) return [];
  const ctx = contextFor();
  const results: ClusterRemovalResult[] = [];
  for (const { cluster, org } of due) {
    if (options.lease?.signal.aborted) break;
    results.push(await removeOne(store, ctx, org, cluster, options.lease));
  }
  return results;
}

async function removeOne(
  store: Store,
  ctx: ClusterRemovalStepContext,
  org: Organization,
  cluster: Cluster,
  lease: LeaseGuard | undefined,
): Promise<ClusterRemovalResult> {
  const result = (state: ClusterRemovalState, error?: string): ClusterRemovalResult => ({
    org: org.slug,
    cluster: cluster.name,
    state,
    ...(error === undefined ? {} : { error }),
  });
  let state = cluster.removalState!;
  try {
    if (state === 'removing-externaldns') {
      const removal = await removeExternalDns(ctx, cluster);
      crashPoint('cluster-removal:externaldns-removed');
      lease?.assertHeld();
      await store.transaction(async (tx) => {
        await update(tx, cluster, {
          removalState: 'deleting-records',
          removalError: null,
          removalRetryAt: null,
        });
        await recordAuditEvent(tx, {
          actor: ctx.actor,
          orgId: org.id,
          action: 'cluster.externaldns_removed',
          target: cluster.name,
          outcome: 'success',
          detail: { uid: cluster.uid, objectsRemoved: removal.removed, reached: removal.reached },
        });
      });
      state = 'deleting-records';
    }
    const deletedBefore = cluster.removalRecordsDeleted;
    const progress = await deleteClusterRecords(store, cluster, {
      lease,
      afterBatch: async (now) => {
        await update(store, cluster, {
          removalRecordsFound: cluster.removalRecordsFound ?? now.found,
          removalRecordsDeleted: deletedBefore + now.deleted,
        });
        crashPoint('cluster-removal:batch-deleted');
      },
    });
    lease?.assertHeld();
    await store.transaction(async (tx) => {
      await update(tx, cluster, {
        removalState: 'done',
        removalRecordsFound: cluster.removalRecordsFound ?? progress.found,
        removalRecordsDeleted: deletedBefore + progress.deleted,
        removalError: explainLeftOver(progress.leftOver),
        removalRetryAt: null,
        removedAt: new Date(),
      });
      await recordAuditEvent(tx, {
        actor: ctx.actor,
        orgId: org.id,
        action: 'cluster.records_deleted',
        target: cluster.name,
        outcome: 'success',
        detail: {
          uid: cluster.uid,
          found: progress.found,
          deleted: progress.deleted,
          leftOver: progress.leftOver,
          batches: progress.batches,
          listCalls: progress.listCalls,
        },
      });
    });
    return result('done');
  } catch (error) {
    // A lost lease stops the pass; whoever leads next carries on from the stored state.
    if (lease?.signal.aborted) throw error;
    const explanation = explainRemovalFailure(error, cluster.name);
    // Our adapters' errors are explained in words; anything else is a bug to find in the log.
    if (!(error instanceof CloudError)) {
      logger.error('removing a deleted cluster failed', {
        org: org.slug,
        cluster: cluster.name,
        error,
      });
    }
    await store.transaction(async (tx) => {
      await update(tx, cluster, {
        removalError: explanation,
        removalRetryAt: new Date(Date.now() + REMOVAL_RETRY_MS),
      });
      await recordAuditEvent(tx, {
        actor: ctx.actor,
        orgId: org.id,
        action: 'cluster.removal_failed',
        target: cluster.name,
        outcome: 'failure',
        detail: { uid: cluster.uid, state, explanation },
      });
    });
    return result(state, explanation);
  }
}

async function removalsDue(
  store: Store,
  now: Date,
): Promise<{ cluster: Cluster; org: Organization }[]> {
  const c = store.t.clusters;
  const o = store.t.organizations;
  return store.db
    .select({ cluster: c, org: o })
    .from(c)
    .innerJoin(o, eq(o.id, c.orgId))
    .where(
      and(
        isNotNull(c.deletedAt),
        inArray(c.removalState, ['removing-externaldns', 'deleting-records']),
        or(isNull(c.removalRetryAt), lte(c.removalRetryAt, now)),
      ),
    )
    .orderBy(asc(c.deletedAt));
}

async function update(
  store: Store,
  cluster: Cluster,
  values: Partial<
    Pick<
      Cluster,
      | 'removalState'
      | 'removalRecordsFound'
      | 'removalRecordsDeleted'
      | 'removalError'
      | 'removalRetryAt'
      | 'removedAt'
    >
  >,
): Promise<void> {
  await store.db.update(store.t.clusters).set(values).where(eq(store.t.clusters.id, cluster.id));
}
