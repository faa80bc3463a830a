import type { ClusterRowView } from '@/server/clusters/cluster-view';

/** Whether the reconciler still has ExternalDNS work for this cluster (it lags the org's key). */
export function deliveryDue(cluster: ClusterRowView, orgKeyVersion: number | null): boolean {
  if (cluster.deletedAt || cluster.connection === 'manual') return false;
  if (cluster.externalDnsState !== 'running') return true;
  return orgKeyVersion !== null && cluster.keyVersionHeld !== orgKeyVersion;
}
