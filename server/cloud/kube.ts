// The Kubernetes API of one cluster over @kubernetes/client-node, from a kubeconfig held in
// memory only: every request bounded by a timeout, every failure mapped to a CloudError (whose
// message never carries the kubeconfig or its credentials). Server-side apply under one field
// manager, so our objects are ours and another manager's fields are a conflict, not overwritten.
import 'server-only';
import {
  AppsV1Api,
  CoreV1Api,
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
  VersionApi,
  Watch,
  type KubernetesObject,
  type V1Deployment,
  type Middleware,
} from '@kubernetes/client-node';
import { CloudError } from './cloud-error';
import { hasRolledOut } from './kube-rollout';
import { toKubeCloudError } from './kube-error';
import { withRetry } from './with-retry';

export const FIELD_MANAGER = 'zonekeeper';

export interface KubeClusterOptions {
  /** Each request's limit; a cluster that does not answer in time counts as unreachable. */
  timeoutMs: number;
}

export interface KubeCluster {
  /** The API server URL of the kubeconfig's current context. */
  readonly server: string;
  /** GET /version: the server's git version, e.g. "v1.31.0". */
  version(): Promise<string>;
  /** Lists at most `limit` namespaces' names: proves we may read the cluster. */
  listNamespaces(limit?: number): Promise<string[]>;
  /** Server-side apply of each object in order (field manager `zonekeeper`, forced). */
  apply(objects: KubernetesObject[]): Promise<KubernetesObject[]>;
  /**
   * Deletes each object in order (only kind, apiVersion, name and namespace are read); one that
   * is already gone counts as deleted. Returns how many were still there.
   */
  remove(objects: KubernetesObject[]): Promise<number>;
  /**
   * Watches a Deployment until it has rolled out (kubectl's rule); rejects with a CloudError
   * `RolloutTimeout` when it has not within `timeoutMs`.
   */
  waitForRollout(namespace: string, name: string, timeoutMs: number): Promise<V1Deployment>;
}

/**
 * A client for the kubeconfig's current context. The caller has checked the document first
 * (server/clusters/check-kubeconfig.ts); this only loads it.
 */
export function connectToCluster(kubeconfigYaml: string, options: KubeClusterOptions): KubeCluster {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeconfigYaml);
  const current = kubeConfig.getCurrentCluster();
  if (!current) throw new Error('the kubeconfig names no current cluster');
  const timeout: Middleware = {
    pre: async (context) => {
      context.setSignal(AbortSignal.timeout(options.timeoutMs));
      return context;
    },
    post: async (response) => response,
  };
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(current.server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [timeout],
  });
  const versionApi = new VersionApi(configuration);
  const core = new CoreV1Api(configuration);
  const objects = new KubernetesObjectApi(configuration);
  const apps = new AppsV1Api(configuration);

  const call = <T>(work: () => Promise<T>) =>
    work().catch((error: unknown) => Promise.reject(toKubeCloudError(error)));
  const retried = <T>(work: () => Promise<T>) =>
    withRetry(
      () => call(work),
      (error) => error instanceof CloudError && error.retryable,
      { attempts: 4, baseDelayMs: 200, maxDelayMs: 2_000 },
    );

  return {
    server: current.server,
    async version() {
      const info = await call(() => versionApi.getCode());
      return info.gitVersion;
    },
    async listNamespaces(limit = 1) {
      const list = await call(() => core.listNamespace({ limit }));
      return list.items.map((namespace) => namespace.metadata?.name ?? '');
    },
    async apply(manifest) {
      const applied: KubernetesObject[] = [];
      for (const object of manifest) {
        applied.push(
          await retried(() =>
            objects.patch(
              object,
              undefined,
              undefined,
              FIELD_MANAGER,
              true,
              PatchStrategy.ServerSideApply,
            ),
          ),
        );
      }
      return applied;
    },
    async remove(manifest) {
      let removed = 0;
      for (const object of manifest) {
        try {
          await retried(() => objects.delete(object));
          removed += 1;
        } catch (error) {
          if (!(error instanceof CloudError && error.vendorCode === 'NotFound')) throw error;
        }
      }
      return removed;
    },
    async waitForRollout(namespace, name, timeoutMs) {
      const current = await call(() => apps.readNamespacedDeployment({ namespace, name }));
      if (hasRolledOut(current)) return current;
      return new Promise<V1Deployment>((resolve, reject) => {
        let controller: AbortController | undefined;
        let settled = false;
        // Settle first: aborting the watch calls its done callback synchronously with an error.
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          outcome();
          controller?.abort();
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(
                new CloudError('kube', {
                  vendorCode: 'RolloutTimeout',
                  errorClass: 'busy',
                  message: `deployment ${namespace}/${name} did not roll out within ${Math.round(timeoutMs / 1000)} s`,
                }),
              ),
            ),
          timeoutMs,
        );
        new Watch(kubeConfig)
          .watch(
            `/apis/apps/v1/namespaces/${namespace}/deployments`,
            {
              resourceVersion: current.metadata?.resourceVersion,
              fieldSelector: `metadata.name=${name}`,
            },
            (_phase: string, deployment: V1Deployment) => {
              if (hasRolledOut(deployment)) finish(() => resolve(deployment));
            },
            (error: unknown) =>
              finish(() =>
                reject(
                  error
                    ? toKubeCloudError(error)
                    : // The server ended the watch before the rollout finished: try again later.
                      new CloudError('kube', {
                        vendorCode: 'WatchClosed',
                        errorClass: 'unavailable',
                        message: `the watch of deployment ${namespace}/${name} ended before it rolled out`,
                      }),
                ),
              ),
          )
          .then(
            (started) => {
              controller = started;
              if (settled) started.abort();
            },
            (error: unknown) => finish(() => reject(toKubeCloudError(error))),
          );
      });
    },
  };
}
