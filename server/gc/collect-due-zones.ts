// The collector's executor: every decision whose time has come — approved (manual mode) or
// scheduled (automatic mode) — claimed, then carried out. It runs under the reconciler lease, so
// one replica executes at a time; each decision is claimed with a guarded update as well, so
// even two executors never run the same one. A decision left executing belongs to a replica that
// died or lost the lease: the lease holder resumes it. Zones are torn down side by side (as many as
// the reconciler provisions at once): a teardown spends most of its time waiting for INSYNC, and
// the one Route 53 budget every call waits on keeps the account's rate whatever the concurrency.
import { and, asc, eq, inArray, lte, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { getConfig } from '../config/config';
import { recordAuditEvent } from '../audit/record-audit-event';
import { LeaseLost, type LeaseGuard } from '../provisioning/lease-guard';
import { createProvisioningContext } from '../provisioning/provisioning-context';
import { collectZone, type CollectionOutcome } from './collect-zone';

export type CollectionResult = CollectionOutcome & { org: string; zoneId: string };

export async function collectDueZones(
  store: Store,
  actor: Actor,
  options: { lease: LeaseGuard; now?: Date; orgIds?: string[] },
): Promise<CollectionResult[]> {
  const now = options.now ?? new Date();
  const { gcDecisions: d, organizations: o, hostedZones: z } = store.t;
  const due = or(
    and(inArray(d.status, ['approved', 'scheduled']), lte(d.scheduledFor, now)),
    eq(d.status, 'executing'),
  );
  const rows = await store.db
    .select({ decision: d, org: o.slug, zoneId: z.awsZoneId })
    .from(d)
    .innerJoin(o, eq(o.id, d.orgId))
    .innerJoin(z, eq(z.id, d.hostedZoneId))
    .where(options.orgIds ? and(due, inArray(d.orgId, options.orgIds)) : due)
    .orderBy(asc(d.scheduledFor));
  // Nothing due (most passes): no provisioning context, so no Vault or AWS client is made.
  if (rows.length === 0) return [];
  const ctx = createProvisioningContext(store, actor, options.lease);
  const results: CollectionResult[] = [];
  const collect = async ({ decision, org, zoneId }: (typeof rows)[number]) => {
    await options.lease.confirm();
    const resumed = decision.status === 'executing';
    const claimed = await store.transaction(async (tx) => {
      const [row] = await tx.db
        .update(d)
        .set({ status: 'executing' })
        .where(
          and(
            eq(d.id, decision.id),
            eq(d.status, decision.status),
            // Resuming: only if no one touched it since we read it (the claim moves updatedAt).
            resumed ? eq(d.updatedAt, decision.updatedAt) : undefined,
          ),
        )
        .returning();
      if (!row) return null;
      await recordAuditEvent(tx, {
        actor,
        orgId: decision.orgId,
        action: 'gc.collection_started',
        target: zoneId ?? decision.hostedZoneId,
        outcome: 'success',
        detail: { decisionId: decision.id, resumed },
      });
      return row;
    });
    // Cancelled, or taken by another executor, since we read it.
    if (!claimed) return;
    results.push({ org, zoneId: zoneId ?? '', ...(await collectZone(ctx, claimed, resumed)) });
  };
  // Oldest slot first; no new zone is started once the lease is lost.
  let next = 0;
  const worker = async () => {
    while (next < rows.length && !options.lease.signal.aborted) {
      try {
        await collect(rows[next++]!);
      } catch (error) {
        // The others stop at their next check; the pass then rejects with LeaseLost below.
        if (error instanceof LeaseLost) return;
        throw error;
      }
    }
  };
  const concurrency = Math.min(getConfig().ZK_RECONCILE_CONCURRENCY, rows.length);
  await Promise.all(Array.from({ length: concurrency }, worker));
  options.lease.signal.throwIfAborted();
  return results;
}
