// What remains to be done in and around a cluster once it is marked deleted: the hook where the
// ExternalDNS removal (delivery) and the deletion of its records (hostname map) attach.
import type { Cluster } from '@/db/rows';

export interface ClusterRemovalWork {
  /** Whether Zonekeeper itself can reach the cluster to remove ExternalDNS and its Secret. */
  connected: boolean;
  /** The remaining steps, in words for the person who deleted the cluster. */
  steps: string[];
}

/**
 * The follow-up work for a deleted cluster. Today it is described, not done: the delivery
 * reconciler step removes the `external-dns` namespace (Deployment, Secret) from connected
 * clusters with the kubeconfig kept in Vault until then, and the hostname map deletes the
 * records whose registry owner is this cluster's UID. Both hang off this function's call site
 * in delete-cluster.ts.
 */
export function clusterRemovalWork(cluster: Cluster): ClusterRemovalWork {
  const connected = cluster.connectionKind === 'kubeconfig';
  return {
    connected,
    steps: [
      connected
        ? 'ExternalDNS and its Secret are to be removed from the cluster (namespace external-dns); its kubeconfig stays in Vault until then.'
        : 'Remove ExternalDNS from the cluster yourself: kubectl delete namespace external-dns; kubectl delete clusterrole,clusterrolebinding external-dns',
      `Records owned by ${cluster.uid} are now orphans in the hostname map; delete them there.`,
    ],
  };
}
