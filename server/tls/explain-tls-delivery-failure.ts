// Why a TLS Secret could not be written to (or removed from) a cluster, in words a person can act on.
import { CloudError } from '../cloud/cloud-error';

export function explainTlsDeliveryFailure(
  error: unknown,
  clusterName: string,
  namespace: string,
): string {
  if (!(error instanceof CloudError)) return 'Zonekeeper failed on its own side; see the log.';
  if (error.service === 'vault')
    return `Vault failed (${error.vendorCode}); the next pass tries again.`;
  if (error.status === 401) {
    return `The cluster ${clusterName} refused Zonekeeper's credentials (401): register its kubeconfig again with a valid token.`;
  }
  if (error.status === 403) {
    return `Zonekeeper's identity in ${clusterName} may not manage Secrets in namespace ${namespace} (403 Forbidden). Give it rights to get, patch and delete secrets there.`;
  }
  if (error.status === 404) {
    return `Namespace ${namespace} does not exist in ${clusterName}: create it (kubectl create namespace ${namespace}) or take it off the cluster's TLS namespaces.`;
  }
  if (error.status === undefined) {
    return `The API of ${clusterName} is unreachable (${error.vendorCode}); the next pass tries again.`;
  }
  return `The API of ${clusterName} refused the Secret in ${namespace}: ${error.detail} (${error.vendorCode}).`;
}
