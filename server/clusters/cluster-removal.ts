// What happens in and around a cluster once it is marked deleted, in words: the reconciler's
// removal pass (remove-deleted-clusters.ts) takes ExternalDNS out of a connected cluster, then
// deletes the records it owned from the zone; a manual cluster's admin removes ExternalDNS.
import type { Cluster } from '@/db/rows';

export interface ClusterRemovalWork {
  /** Whether Zonekeeper itself can reach the cluster to remove ExternalDNS and its Secret. */
  connected: boolean;
  /** The steps, in words for the person who deleted the cluster. */
  steps: string[];
}

export const MANUAL_EXTERNALDNS_REMOVAL =
  'kubectl delete deployment -n external-dns external-dns; kubectl delete namespace external-dns; kubectl delete clusterrole,clusterrolebinding external-dns';

export function clusterRemovalWork(cluster: Cluster): ClusterRemovalWork {
  const connected = cluster.connectionKind === 'kubeconfig';
  return {
    connected,
    steps: [
      connected
        ? 'Zonekeeper removes ExternalDNS from the cluster (its Deployment first, then its Secret, ServiceAccount, ClusterRole and binding, and the external-dns namespace), then deletes its kubeconfig from Vault.'
        : `Zonekeeper cannot reach this cluster: remove ExternalDNS from it yourself, first of all, or it publishes its records again (${MANUAL_EXTERNALDNS_REMOVAL}).`,
      `Zonekeeper then deletes the records owned by ${cluster.uid}, with their TXT registry records, from the zone. Records of other owners and records created by hand stay.`,
    ],
  };
}

/** Where a deleted cluster's removal stands, for a page or the CLI; null for a live cluster. */
export function describeRemovalProgress(
  cluster: Pick<
    Cluster,
    | 'removalState'
    | 'removalRecordsFound'
    | 'removalRecordsDeleted'
    | 'removalError'
    | 'removalRetryAt'
    | 'removedAt'
  >,
): string | null {
  const failure = cluster.removalError
    ? ` ${cluster.removalError}${cluster.removalRetryAt ? ` Next try ${cluster.removalRetryAt.toISOString()}.` : ''}`
    : '';
  switch (cluster.removalState) {
    case 'removing-externaldns':
      return `Removing ExternalDNS from the cluster…${failure}`;
    case 'deleting-records': {
      const found = cluster.removalRecordsFound;
      const counted =
        found === null
          ? 'Deleting its records…'
          : `Deleting ${found} records… (${cluster.removalRecordsDeleted} deleted)`;
      return `${counted}${failure}`;
    }
    case 'done':
      return `Done${cluster.removedAt ? ` at ${cluster.removedAt.toISOString()}` : ''}: ${cluster.removalRecordsDeleted} records deleted.${failure}`;
    default:
      return null;
  }
}
