// The reconciler's TLS step: for every ready org, its certificates issued, renewed and revoked as
// due (ensure-org-certificates.ts), then delivered to (or removed from) each connected cluster
// (deliver-tls-secrets.ts), then the keys no Secret holds any more deleted from Vault
// (delete-unused-keys.ts). Runs inside the reconciler's lease and stops starting work once it is
// lost. A failure is logged (and recorded per Secret); the next pass tries again.
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { LeaseGuard } from '../provisioning/lease-guard';
import { logger } from '../log/logger';
import {
  deliverTlsSecrets,
  type TlsDeliveryContext,
  type TlsDeliveryOutcome,
} from './deliver-tls-secrets';
import { deleteUnusedKeys } from './delete-unused-keys';
import { clustersOfOrg, ensureOrgCertificates } from './ensure-org-certificates';

export interface TlsPassReport {
  org: string;
  cluster: string;
  outcomes: TlsDeliveryOutcome[];
}

export async function reconcileTls(
  store: Store,
  contextFor: () => TlsDeliveryContext,
  options: { lease?: LeaseGuard; now?: Date; lifetimeDays?: number; slugs?: string[] } = {},
): Promise<TlsPassReport[]> {
  const o = store.t.organizations;
  const orgs = (
    await store.db
      .select()
      .from(o)
      .where(and(eq(o.status, 'ready'), eq(o.desiredState, 'present')))
  ).filter((org) => !options.slugs || options.slugs.includes(org.slug));
  if (orgs.length === 0) return [];
  const ctx = contextFor();
  const now = options.now ?? new Date();
  const reports: TlsPassReport[] = [];
  for (const org of orgs) {
    if (options.lease?.signal.aborted) break;
    try {
      const clusters = await clustersOfOrg(ctx, org);
      await ensureOrgCertificates(ctx, org, clusters, { now, lifetimeDays: options.lifetimeDays });
      for (const cluster of clusters) {
        if (options.lease?.signal.aborted) break;
        const outcomes = await deliverTlsSecrets(ctx, org, cluster, now);
        if (outcomes.length > 0) reports.push({ org: org.slug, cluster: cluster.name, outcomes });
      }
      await deleteUnusedKeys(ctx, org, now);
    } catch (error) {
      // Vault or the store failed for this org; the others still get their turn.
      logger.error('tls: the pass failed for an organization', { org: org.slug, error });
    }
  }
  return reports;
}
