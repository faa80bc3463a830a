// The sandbox's Kubernetes clusters, one API endpoint each, and the KUBECONFIG_<NAME> variables
// that tell scripts where each cluster's kubeconfig is.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandboxCluster, type SandboxCluster } from './sandbox-cluster';
import { ensureSandboxTls } from './sandbox-tls';

export interface SandboxClustersOptions {
  names: readonly string[];
  /** Port per cluster name; missing ones pick a free port. */
  ports?: Readonly<Record<string, number>>;
  /** State and kubeconfigs go to `<persistDir>/kube/`; without it, to a temporary directory. */
  persistDir?: string;
  region?: string;
  controllerDelayMs?: number;
  now?: () => number;
}

/** `acme-prod` -> `KUBECONFIG_ACME_PROD`. */
export const kubeconfigVariable = (clusterName: string): `KUBECONFIG_${string}` =>
  `KUBECONFIG_${clusterName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

export async function startSandboxClusters(options: SandboxClustersOptions) {
  const names = [...new Set(options.names)];
  const temporary = options.persistDir
    ? undefined
    : mkdtempSync(path.join(os.tmpdir(), 'zk-kube-'));
  const stateDir = options.persistDir ? path.join(options.persistDir, 'kube') : temporary!;
  const clusters: Record<string, SandboxCluster> = {};
  const closeAll = async () => {
    await Promise.all(Object.values(clusters).map((cluster) => cluster.close()));
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  };
  try {
    const tls = ensureSandboxTls(path.join(stateDir, 'tls'));
    for (const name of names) {
      clusters[name] = await startSandboxCluster({
        name,
        port: options.ports?.[name],
        stateDir,
        persist: Boolean(options.persistDir),
        tls,
        region: options.region,
        controllerDelayMs: options.controllerDelayMs,
        now: options.now,
      });
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    clusters,
    env: Object.fromEntries(
      Object.values(clusters).map((cluster) => [
        kubeconfigVariable(cluster.name),
        cluster.kubeconfigPath,
      ]),
    ) as Record<`KUBECONFIG_${string}`, string>,
    close: closeAll,
  };
}

export type SandboxClusters = Awaited<ReturnType<typeof startSandboxClusters>>;
