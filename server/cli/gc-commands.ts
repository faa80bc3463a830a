// `zk gc plan|run|approve|cancel|pin|unpin|force`: the collector's queue from the command line.
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { getConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { approveGcDecision } from '../gc/approve-gc-decision';
import { cancelGcDecision } from '../gc/cancel-gc-decision';
import { forceGcCollection } from '../gc/force-gc-collection';
import { planGc, toGcPlanLine } from '../gc/plan-gc';
import { runGcPass, type GcPassReport } from '../gc/run-gc-pass';
import { setGcPin } from '../gc/set-gc-pin';
import { releaseLease, tryAcquireLease, whileHoldingLease } from '../provisioning/leader-lease';
import { LeaseLost, type LeaseGuard } from '../provisioning/lease-guard';
import { RECONCILER_LEASE, replicaId } from '../provisioning/reconciler-loop';
import { parseAtOption } from './parse-at-option';

const VERBS = ['plan', 'run', 'approve', 'cancel', 'pin', 'unpin', 'force'] as const;
export const GC_USAGE = `gc plan [--at <ISO time>] [--json]   the collector's dry run: each zone's decision and why
  gc run                              refresh the queue, then collect every zone that is due
  gc approve|cancel|pin|unpin|force --org <slug>
                                      approve or cancel its deletion, pin or unpin the org,
                                      or delete its zone now (refused if pinned or in use)`;

/** Returns the exit code: 0 done, 1 a collection failed, 4 the reconciler lease is held. */
export async function gcCommand(
  store: Store,
  actor: Actor,
  verb: string | undefined,
  options: { org?: string; at?: string; json?: boolean },
): Promise<number> {
  if (!verb || !(VERBS as readonly string[]).includes(verb)) {
    throw new DomainError('invalid_input', `Use one of: gc ${VERBS.join(', gc ')}.`);
  }
  if (verb === 'plan') {
    const plan = (await planGc(store, parseAtOption(options.at))).map(toGcPlanLine);
    if (options.json) console.log(JSON.stringify(plan, null, 2));
    else if (plan.length === 0) console.log('No zones to plan for.');
    else
      for (const d of plan)
        console.log(`${d.org} ${d.zoneId} ${d.action}${d.at ? ` at ${d.at}` : ''}: ${d.reason}`);
    return 0;
  }
  if (options.at !== undefined) {
    throw new DomainError('invalid_input', `--at is for "gc plan" only: "gc ${verb}" acts now.`);
  }
  if (verb === 'run')
    return printPass(await underLease(store, (lease) => runGcPass(store, actor, { lease })));
  if (!options.org) throw new DomainError('invalid_input', `gc ${verb} needs --org <slug>.`);
  const orgSlug = options.org;
  switch (verb) {
    case 'approve': {
      const row = await approveGcDecision(store, actor, { orgSlug });
      console.log(
        `Approved: ${row.action === 'delete-now' ? 'deleted at the next "gc run"' : `deleted from ${row.scheduledFor?.toISOString()}`} — ${row.reason}`,
      );
      return 0;
    }
    case 'cancel': {
      const count = await cancelGcDecision(store, actor, { orgSlug });
      console.log(
        `Cancelled ${count} open deletion(s) of ${orgSlug}'s zone; pin it to keep it for good.`,
      );
      return 0;
    }
    case 'pin':
    case 'unpin': {
      const { changed, cancelled } = await setGcPin(store, actor, {
        orgSlug,
        pinned: verb === 'pin',
      });
      console.log(
        !changed
          ? `${orgSlug} is already ${verb === 'pin' ? 'pinned' : 'unpinned'}.`
          : verb === 'pin'
            ? `Pinned ${orgSlug}: its zone is never collected${cancelled ? ` (${cancelled} open deletion cancelled)` : ''}.`
            : `Unpinned ${orgSlug}: the collector's rules apply again.`,
      );
      return 0;
    }
    default: {
      const row = await forceGcCollection(store, actor, { orgSlug });
      console.log(`Forced: collecting ${orgSlug}'s zone now.`);
      return printPass(
        await underLease(store, (lease) => runGcPass(store, actor, { lease, orgIds: [row.orgId] })),
      );
    }
  }
}

async function underLease(
  store: Store,
  work: (lease: LeaseGuard) => Promise<GcPassReport>,
): Promise<GcPassReport | string> {
  const ttl = getConfig().ZK_LEASE_TTL_MS;
  const me = replicaId();
  // Wait out a lease left by a replica that died; a live one keeps renewing it.
  const deadline = Date.now() + ttl + 2_000;
  while (!(await tryAcquireLease(store, RECONCILER_LEASE, me, ttl))) {
    if (Date.now() >= deadline)
      return 'Another Zonekeeper replica holds the reconciler lease; its loop collects what is due.';
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    return await whileHoldingLease(store, RECONCILER_LEASE, me, ttl, work);
  } catch (error) {
    if (error instanceof LeaseLost)
      return `Stopped: the reconciler lease was lost (${error.message}); run it again.`;
    throw error;
  } finally {
    await releaseLease(store, RECONCILER_LEASE, me);
  }
}

function printPass(report: GcPassReport | string): number {
  if (typeof report === 'string') {
    console.error(report);
    return 4;
  }
  for (const r of report.returns)
    console.log(
      `${r.org}: zone comes back (generation ${r.generation}, cluster ${r.cluster}); the reconciler makes it`,
    );
  for (const c of report.queue) console.log(`${c.org} ${c.zoneId}: decision ${c.change}`);
  for (const c of report.collections) {
    console.log(
      c.outcome === 'collected'
        ? `${c.org} ${c.zoneId}: zone collected${c.alreadyGone ? ' (Route 53 had already deleted it)' : ''}; it comes back when a cluster runs`
        : c.outcome === 'cancelled'
          ? `${c.org} ${c.zoneId}: not collected — ${c.reason}`
          : `${c.org} ${c.zoneId}: failed — ${c.error}`,
    );
  }
  if (report.collections.length === 0) console.log('Nothing is due.');
  return report.collections.some((c) => c.outcome === 'failed') ? 1 : 0;
}
