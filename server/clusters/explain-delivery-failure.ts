// Why delivering ExternalDNS to a cluster failed, in words a person can act on.
import { CloudError } from '../cloud/cloud-error';

export function explainDeliveryFailure(error: unknown, clusterName: string): string {
  if (!(error instanceof CloudError) || error.service !== 'kube') {
    return error instanceof CloudError
      ? `${error.message}; the next pass tries again.`
      : 'Zonekeeper failed on its own side; see the log.';
  }
  if (error.vendorCode === 'RolloutTimeout') {
    return `The rollout is stuck: ${error.detail}. Check the external-dns pod in ${clusterName} (kubectl -n external-dns describe pod).`;
  }
  if (error.status === 401) {
    return `The cluster ${clusterName} refused Zonekeeper's credentials (401): register its kubeconfig again with a valid token.`;
  }
  if (error.status === 403) {
    return `Zonekeeper's identity in ${clusterName} may not apply the bundle (403 Forbidden: ${error.detail}). Give it rights to manage the external-dns namespace, its ClusterRole and binding.`;
  }
  if (error.status === undefined) {
    return `The API of ${clusterName} is unreachable (${error.vendorCode}); the next pass tries again.`;
  }
  return `The API of ${clusterName} refused the bundle: ${error.detail} (${error.vendorCode}).`;
}
