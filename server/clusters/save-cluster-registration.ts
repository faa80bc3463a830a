// The register form's verb: registers a cluster with this installation's Vault and Kubernetes
// timeout (registerCluster takes both as arguments, so tests can hand it their own).
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { getVaultKv } from '../cloud/vault';
import { getConfig } from '../config/config';
import {
  registerCluster,
  type RegisterClusterRequest,
  type RegisteredCluster,
} from './register-cluster';

export function saveClusterRegistration(
  context: { store: Store; actor: Actor; org: Organization },
  request: RegisterClusterRequest,
): Promise<RegisteredCluster> {
  const config = getConfig();
  return registerCluster(
    {
      ...context,
      vault: getVaultKv(),
      baseDomain: config.ZK_BASE_DOMAIN,
      kubeTimeoutMs: config.ZK_KUBE_TIMEOUT_MS,
    },
    request,
  );
}
