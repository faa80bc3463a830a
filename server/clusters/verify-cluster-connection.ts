// Proves a kubeconfig reaches its cluster before it is stored: the API answers GET /version and
// lets us list namespaces (a read, which a read-only identity passes too: ExternalDNS delivery
// explains a missing write permission when it meets one). Each failure gets its own message.
import { CloudError } from '../cloud/cloud-error';
import { connectToCluster } from '../cloud/kube';
import { DomainError } from '../errors/domain-error';
import { checkKubeconfig } from './check-kubeconfig';

export interface VerifiedConnection {
  server: string;
  context: string;
  serverVersion: string;
}

/** Throws a DomainError on the `kubeconfig` field with what is wrong and how to fix it. */
export async function verifyClusterConnection(
  kubeconfig: string,
  options: { timeoutMs: number },
): Promise<VerifiedConnection> {
  const checked = checkKubeconfig(kubeconfig);
  if (!checked.ok) throw kubeconfigProblem(checked.problem);
  const { server, context } = checked;
  let cluster;
  try {
    cluster = connectToCluster(kubeconfig, options);
  } catch {
    throw kubeconfigProblem(
      `The kubeconfig's context "${context}" could not be loaded; export it again.`,
    );
  }
  let serverVersion: string;
  try {
    serverVersion = await cluster.version();
  } catch (error) {
    throw kubeconfigProblem(explainFailure(error, server, 'GET /version'));
  }
  try {
    await cluster.listNamespaces(1);
  } catch (error) {
    throw kubeconfigProblem(explainFailure(error, server, 'listing namespaces'));
  }
  return { server, context, serverVersion };
}

function explainFailure(error: unknown, server: string, what: string): string {
  if (!(error instanceof CloudError)) {
    return `The API server at ${server} gave an answer Zonekeeper could not read (${what}). Check the server address.`;
  }
  if (error.status === 401) {
    return `The API server at ${server} refused the credentials (401 Unauthorized). The token or client certificate is wrong or expired: make a new one and export the kubeconfig again.`;
  }
  if (error.status === 403) {
    return `The credentials are valid but may not read the cluster (403 Forbidden while ${what}). Grant them at least get/list on namespaces, e.g. a ClusterRoleBinding to a role that can.`;
  }
  if (error.errorClass === 'denied' && error.status === undefined) {
    return `The API server at ${server} presented a certificate the kubeconfig's certificate-authority-data does not vouch for. Export the kubeconfig again with its CA.`;
  }
  if (error.status === undefined) {
    return `The API server at ${server} does not answer (${error.vendorCode}). Check the address, that the cluster is running, and that Zonekeeper can reach it.`;
  }
  return `The API server at ${server} answered ${what} with HTTP ${error.status} (${error.vendorCode}). Check that the address is a Kubernetes API server.`;
}

function kubeconfigProblem(message: string): DomainError {
  return new DomainError('invalid_input', 'Check the highlighted fields.', {
    kubeconfig: [message],
  });
}
