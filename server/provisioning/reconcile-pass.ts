// One reconciler pass: every organization whose actual state may differ from its desired state
// and whose failed steps are due for a retry, brought forward a limited number at a time. When the
// lease it runs under is lost, no organization is started after that and the pass rejects with
// LeaseLost once the ones in progress stopped at their next check.
import { and, eq, inArray, ne, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { getConfig } from '../config/config';
import { logger } from '../log/logger';
import { LeaseLost, type LeaseGuard } from './lease-guard';
import { provisionOrganization, type ReconcileOutcome } from './provision-organization';
import { createProvisioningContext } from './provisioning-context';

export interface ReconcileOptions {
  /** Only these org slugs; retry times are ignored for them (an operator asked explicitly). */
  slugs?: string[];
  /** The reconciler lease this pass runs under (see whileHoldingLease). */
  lease?: LeaseGuard;
}

export interface ReconcileReport {
  results: { slug: string; outcome: ReconcileOutcome; error?: string }[];
}

export async function organizationsNeedingWork(
  store: Store,
  options: ReconcileOptions = {},
): Promise<Organization[]> {
  const t = store.t.organizations;
  const unsettled = or(
    and(eq(t.desiredState, 'present'), ne(t.status, 'ready')),
    and(eq(t.desiredState, 'absent'), ne(t.status, 'deleted')),
  );
  const where = options.slugs ? and(unsettled, inArray(t.slug, options.slugs)) : unsettled;
  const orgs = await store.db.select().from(t).where(where);
  if (options.slugs) return orgs;
  const steps = await store.db
    .select()
    .from(store.t.provisioningSteps)
    .where(eq(store.t.provisioningSteps.status, 'failed'));
  const now = Date.now();
  const waiting = new Set(
    steps.filter((s) => s.nextRetryAt && s.nextRetryAt.getTime() > now).map((s) => s.orgId),
  );
  return orgs.filter((org) => !waiting.has(org.id));
}

export async function reconcilePass(
  store: Store,
  actor: Actor,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const orgs = await organizationsNeedingWork(store, options);
  if (orgs.length === 0) return { results: [] };
  const { lease } = options;
  const ctx = createProvisioningContext(store, actor, lease);
  const results: ReconcileReport['results'] = [];
  let next = 0;
  const worker = async () => {
    while (next < orgs.length && !lease?.signal.aborted) {
      const org = orgs[next++]!;
      try {
        results.push({ slug: org.slug, ...(await provisionOrganization(ctx, org)) });
      } catch (error) {
        if (error instanceof LeaseLost) return;
        // Only bookkeeping (the database) fails outside a step; the next pass tries again.
        logger.error('reconciling an organization failed outside its steps', {
          slug: org.slug,
          error,
        });
        results.push({ slug: org.slug, outcome: 'failed', error: 'internal error; see the log' });
      }
    }
  };
  const concurrency = Math.min(getConfig().ZK_RECONCILE_CONCURRENCY, orgs.length);
  await Promise.all(Array.from({ length: concurrency }, worker));
  // Workers leave orgs undone only when the lease is lost; a pass that finished them all stands.
  if (results.length < orgs.length) lease?.signal.throwIfAborted();
  return { results };
}
