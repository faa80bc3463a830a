// Takes ExternalDNS out of a connected cluster before its records are deleted, so that it cannot
// publish them again: the Deployment first (its pods stop), then the Secret with the org's key,
// the ServiceAccount, the ClusterRoleBinding and ClusterRole, and the namespace. Then the
// cluster's kubeconfig leaves Vault: Zonekeeper has nothing more to do in the cluster. Each
// deletion of something already gone counts as done, so a retry after any failure or crash
// carries on where the last attempt stopped.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster } from '@/db/rows';
import { connectToCluster } from '../cloud/kube';
import type { VaultKv } from '../cloud/vault';
import { AWS_SECRET_NAME, EXTERNAL_DNS_NAME, EXTERNAL_DNS_NAMESPACE } from './externaldns-bundle';

export interface RemovalContext {
  vault: VaultKv;
  kubeTimeoutMs: number;
}

const RBAC = 'rbac.authorization.k8s.io/v1';

/** What is deleted, in order: whatever stops ExternalDNS comes first. */
export const EXTERNAL_DNS_REMOVAL_ORDER: readonly KubernetesObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: EXTERNAL_DNS_NAME, namespace: EXTERNAL_DNS_NAMESPACE },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: AWS_SECRET_NAME, namespace: EXTERNAL_DNS_NAMESPACE },
  },
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: EXTERNAL_DNS_NAME, namespace: EXTERNAL_DNS_NAMESPACE },
  },
  { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: EXTERNAL_DNS_NAME } },
  { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: EXTERNAL_DNS_NAME } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: EXTERNAL_DNS_NAMESPACE } },
];

export interface ExternalDnsRemoval {
  /** How many of the objects were still in the cluster. */
  removed: number;
  /** False when Vault held no kubeconfig (an earlier attempt finished, or it was never stored). */
  reached: boolean;
}

export async function removeExternalDns(
  ctx: RemovalContext,
  cluster: Pick<Cluster, 'kubeconfigVaultPath'>,
): Promise<ExternalDnsRemoval> {
  const path = cluster.kubeconfigVaultPath;
  const kubeconfig = path ? (await ctx.vault.readSecret(path))?.data.kubeconfig : undefined;
  if (!path || !kubeconfig) return { removed: 0, reached: false };
  const api = connectToCluster(kubeconfig, { timeoutMs: ctx.kubeTimeoutMs });
  const removed = await api.remove([...EXTERNAL_DNS_REMOVAL_ORDER]);
  await ctx.vault.deleteSecret(path);
  return { removed, reached: true };
}
