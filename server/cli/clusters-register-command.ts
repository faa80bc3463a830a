// `zk clusters register --org <slug> --name <name> [--kubeconfig <file>] [--policy sync|upsert-only]
// [--txt-prefix <p> | --txt-suffix <s>]`: without --kubeconfig the cluster is manual. Prints the
// status token once; it is not stored and cannot be shown again.
import fs from 'node:fs';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { getVaultKv } from '../cloud/vault';
import { clusterDomainFor } from '../clusters/cluster-name';
import { registerCluster } from '../clusters/register-cluster';
import { getConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';

export interface ClustersRegisterOptions {
  name?: string;
  kubeconfig?: string;
  policy?: string;
  'txt-prefix'?: string;
  'txt-suffix'?: string;
}

export async function clustersRegisterCommand(
  { store, actor }: { store: Store; actor: Actor },
  org: Organization,
  options: ClustersRegisterOptions,
): Promise<void> {
  const config = getConfig();
  const { cluster, statusToken } = await registerCluster(
    {
      store,
      actor,
      org,
      vault: getVaultKv(),
      baseDomain: config.ZK_BASE_DOMAIN,
      kubeTimeoutMs: config.ZK_KUBE_TIMEOUT_MS,
    },
    {
      name: options.name ?? '',
      policy: options.policy ?? 'sync',
      txtPrefix: options['txt-prefix'],
      txtSuffix: options['txt-suffix'],
      connection: options.kubeconfig
        ? { kind: 'kubeconfig', kubeconfig: readKubeconfigFile(options.kubeconfig) }
        : { kind: 'manual' },
    },
  );
  const domain = clusterDomainFor(cluster.name, org.slug, config.ZK_BASE_DOMAIN);
  console.log(
    `Registered ${cluster.name} (${domain}) with UID ${cluster.uid}, ${cluster.connectionKind}, policy ${cluster.externalDnsPolicy}.`,
  );
  console.log(`Status token (shown only now; the platform reports with it): ${statusToken}`);
  console.log(
    `  curl -X POST -H 'Authorization: Bearer <token>' -d '{"status":"running"}' <zonekeeper>/api/clusters/${cluster.uid}/status`,
  );
}

function readKubeconfigFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new DomainError('invalid_input', `Cannot read the kubeconfig file ${file} (${code}).`);
  }
}
