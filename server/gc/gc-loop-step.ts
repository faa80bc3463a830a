// The collector's share of the reconciler loop. Every pass of the leader: collected zones whose org
// has a cluster again are handed back to the reconciler (one query when there are none), so the
// zone returns within the same pass. The queue refresh plans every org, so it runs once a minute —
// and also whenever a decision is due, so that nothing is executed on a plan older than this
// pass: a mode switched to manual, a pin or a cluster that started since are seen first.
import { and, inArray, lte, or, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { logger } from '../log/logger';
import { LeaseLost, type LeaseGuard } from '../provisioning/lease-guard';
import { bringBackCollectedZones } from './bring-back-collected-zones';
import { runGcPass, type GcPassReport } from './run-gc-pass';

/**
 * A minute keeps a slot's lateness far inside the safety margin before midnight (30 minutes by
 * default), and the plan's cost (every org, zone and cluster read) small beside the loop's.
 */
export const GC_REFRESH_INTERVAL_MS = 60_000;

export interface GcLoopStep {
  run(store: Store, actor: Actor, options: { lease: LeaseGuard; now?: Date }): Promise<void>;
}

export function createGcLoopStep(
  options: { refreshEveryMs?: number; onPass?: (report: GcPassReport) => void } = {},
): GcLoopStep {
  const every = options.refreshEveryMs ?? GC_REFRESH_INTERVAL_MS;
  // Per process: a new leader refreshes at once, as it cannot know when the last one did.
  let lastRefreshAt = -Infinity;
  return {
    async run(store, actor, { lease, now = new Date() }) {
      try {
        if (now.getTime() - lastRefreshAt < every && !(await anyDecisionDue(store, now))) {
          const returns = await bringBackCollectedZones(store, actor);
          if (returns.length > 0) report({ returns, queue: [], collections: [] });
          return;
        }
        lastRefreshAt = now.getTime();
        report(await runGcPass(store, actor, { lease, now }));
      } catch (error) {
        if (error instanceof LeaseLost) throw error;
        // The collector's trouble (a malformed "gc" setting, say) must not hold up provisioning.
        logger.error('collector: pass failed', { error });
      }
    },
  };

  function report(pass: GcPassReport) {
    options.onPass?.(pass);
    if (pass.returns.length + pass.queue.length + pass.collections.length === 0) return;
    logger.info('collector: pass done', {
      returns: pass.returns.map((r) => `${r.org}:generation ${r.generation}`),
      queue: pass.queue.map((q) => `${q.org}:${q.change}`),
      collections: pass.collections.map((c) => `${c.org}:${c.outcome}`),
    });
  }
}

/** The one the reconciler loop of this process uses. */
export const reconcilerGcStep = createGcLoopStep();

async function anyDecisionDue(store: Store, now: Date): Promise<boolean> {
  const d = store.t.gcDecisions;
  const rows = await store.db
    .select({ id: d.id })
    .from(d)
    .where(
      or(
        and(inArray(d.status, ['approved', 'scheduled']), lte(d.scheduledFor, now)),
        eq(d.status, 'executing'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
