// Why removing a deleted cluster (its ExternalDNS, then its records) failed, in words a person can
// act on; the removal is tried again after REMOVAL_RETRY_MS either way.
import { CloudError } from '../cloud/cloud-error';

export function explainRemovalFailure(error: unknown, clusterName: string): string {
  if (!(error instanceof CloudError)) return 'Zonekeeper failed on its own side; see the log.';
  if (error.service !== 'kube') return `${error.message}; the next pass tries again.`;
  if (error.status === 401) {
    return `The cluster ${clusterName} refused Zonekeeper's credentials (401), so ExternalDNS could not be removed; remove it yourself (kubectl delete namespace external-dns; kubectl delete clusterrole,clusterrolebinding external-dns). Zonekeeper tries again.`;
  }
  if (error.status === 403) {
    return `Zonekeeper's identity in ${clusterName} may not delete ExternalDNS (403 Forbidden: ${error.detail}); give it rights to delete the external-dns namespace, its ClusterRole and binding. Zonekeeper tries again.`;
  }
  if (error.status === undefined) {
    return `The API of ${clusterName} is unreachable (${error.vendorCode}), so ExternalDNS is still in it and its records stay until it is removed; the next pass tries again.`;
  }
  return `The API of ${clusterName} refused to delete ExternalDNS: ${error.detail} (${error.vendorCode}); the next pass tries again.`;
}
