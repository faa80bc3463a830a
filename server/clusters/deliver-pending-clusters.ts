// The reconciler's ExternalDNS pass: every connected, live cluster of a ready org whose
// ExternalDNS is not running with the org's current key version is delivered again, unless its
// last failure asked to wait (externalDnsRetryAt). A cluster that holds an older key version is
// how a key rotation reaches every cluster. Stops starting clusters once the lease is lost.
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster, Organization } from '@/db/rows';
import { logger } from '../log/logger';
import { orgResourceNames } from '../provisioning/org-resource-names';
import type { LeaseGuard } from '../provisioning/lease-guard';
import {
  deliverExternalDns,
  type DeliveryContext,
  type DeliveryResult,
} from './deliver-externaldns';

/** How long one rollout may take inside a reconciler pass before it counts as stuck. */
export const ROLLOUT_TIMEOUT_MS = 60_000;

export interface ClusterDelivery {
  org: string;
  cluster: string;
  result: DeliveryResult;
}

/**
 * `contextFor` is called only when some cluster is due, so an installation without clusters
 * (or without Vault configured yet) pays one query per pass and nothing else.
 */
export async function deliverPendingClusters(
  store: Store,
  contextFor: () => DeliveryContext,
  options: { lease?: LeaseGuard; now?: Date } = {},
): Promise<ClusterDelivery[]> {
  const candidates = await connectedClustersDue(store, options.now ?? new Date());
  if (candidates.length === 0) return [];
  const ctx = contextFor();
  const deliveries: ClusterDelivery[] = [];
  const keyVersions = new Map<string, number | null>();
  for (const { cluster, org } of candidates) {
    if (options.lease?.signal.aborted) break;
    if (!keyVersions.has(org.id)) {
      const secret = await ctx.vault.readSecret(orgResourceNames(org, ctx.baseDomain).vaultPath);
      keyVersions.set(org.id, secret?.version ?? null);
    }
    const keyVersion = keyVersions.get(org.id);
    // No key yet: provisioning is not done, nothing to deliver.
    if (keyVersion === null || keyVersion === undefined) continue;
    const current =
      cluster.externalDnsState === 'running' && cluster.credentialsVaultVersion === keyVersion;
    if (current) continue;
    try {
      deliveries.push({
        org: org.slug,
        cluster: cluster.name,
        result: await deliverExternalDns(ctx, org, cluster),
      });
    } catch (error) {
      // Vault or the store failed before the cluster was tried; the next pass tries again, and
      // one cluster's trouble does not keep the others from their delivery.
      logger.error('delivering ExternalDNS failed before reaching the cluster', {
        org: org.slug,
        cluster: cluster.name,
        error,
      });
    }
  }
  return deliveries;
}

async function connectedClustersDue(
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
        eq(c.connectionKind, 'kubeconfig'),
        isNull(c.deletedAt),
        eq(o.status, 'ready'),
        eq(o.desiredState, 'present'),
        or(isNull(c.externalDnsRetryAt), lte(c.externalDnsRetryAt, now)),
      ),
    );
}
