// Which clusters hold a key rotation: every connected (kubeconfig) cluster of the org that is not
// deleted and does not hold the org's current key version yet. Manual clusters cannot be reached,
// so they never hold it (their admin applies the new Secret); deleted clusters do not count. Read
// from the store only: what the delivery recorded per cluster is the truth the gate acts on.
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster, IamCredential, Organization } from '@/db/rows';

export interface RotationBlocker {
  cluster: string;
  /** Why it does not hold the new key yet, in words. */
  reason: string;
  /** When the reconciler tries the cluster again; null when it is due now. */
  nextRetryAt: Date | null;
}

export interface RotationHold {
  /** The rotated-out key that stays until no cluster blocks (an id, never a secret). */
  retiringAccessKeyId: string;
  /** The Vault version of the key every connected cluster must hold. */
  vaultVersion: number | null;
  blockers: RotationBlocker[];
  /** Manual clusters: not waited for; their admin must apply the new Secret. */
  manualClusters: string[];
}

export async function credentialOf(store: Store, org: Organization): Promise<IamCredential | null> {
  const t = store.t.iamCredentials;
  const [credential] = await store.db.select().from(t).where(eq(t.orgId, org.id));
  return credential ?? null;
}

/** The rotation's hold on the org, or null while no rotated-out key waits to be deleted. */
export async function rotationHoldOf(
  store: Store,
  org: Organization,
): Promise<RotationHold | null> {
  const credential = await credentialOf(store, org);
  if (!credential?.retiringAccessKeyId) return null;
  const clusters = await liveClustersOf(store, org);
  return {
    retiringAccessKeyId: credential.retiringAccessKeyId,
    vaultVersion: credential.vaultVersion,
    blockers: blockersAmong(clusters, credential),
    manualClusters: clusters.filter((c) => c.connectionKind === 'manual').map((c) => c.name),
  };
}

export function blockersAmong(clusters: Cluster[], credential: IamCredential): RotationBlocker[] {
  return clusters
    .filter((c) => c.connectionKind === 'kubeconfig' && !holdsCurrentKey(c, credential))
    .map((c) => ({
      cluster: c.name,
      reason: reasonOf(c, credential.vaultVersion),
      nextRetryAt: c.externalDnsRetryAt,
    }));
}

/**
 * The delivery records a key version only after the Secret was applied and the Deployment rolled
 * out with it, and only while the credential is verified does its version name the new key.
 */
function holdsCurrentKey(cluster: Cluster, credential: IamCredential): boolean {
  return (
    credential.status === 'ready' &&
    credential.vaultVersion !== null &&
    cluster.credentialsVaultVersion === credential.vaultVersion
  );
}

function reasonOf(cluster: Cluster, vaultVersion: number | null): string {
  if (cluster.externalDnsError) return cluster.externalDnsError;
  if (cluster.externalDnsState === 'deploying') return 'the new key is being rolled out';
  if (cluster.credentialsVaultVersion === null) return 'ExternalDNS is not delivered to it yet';
  return vaultVersion === null
    ? 'the new key is not verified yet'
    : `it holds key version ${cluster.credentialsVaultVersion}, not ${vaultVersion}`;
}

export async function liveClustersOf(store: Store, org: Organization): Promise<Cluster[]> {
  const c = store.t.clusters;
  const rows = await store.db
    .select()
    .from(c)
    .where(and(eq(c.orgId, org.id), isNull(c.deletedAt)));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** "prod (its API is unreachable …; next retry at 22:10:05 UTC), staging (…)". */
export function describeBlockers(blockers: RotationBlocker[]): string {
  return blockers
    .map((b) => {
      const retry = b.nextRetryAt
        ? `; next retry at ${b.nextRetryAt.toISOString().slice(11, 19)} UTC`
        : '';
      return `${b.cluster} (${b.reason.replace(/\.$/, '')}${retry})`;
    })
    .join(', ');
}
