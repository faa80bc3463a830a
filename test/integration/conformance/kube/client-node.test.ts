// @kubernetes/client-node (the client the Zonekeeper server uses) against a sandbox cluster:
// server-side apply through KubernetesObjectApi, typed reads, conflicts as ApiException 409,
// and a Watch that sees a rollout finish.
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  type KubernetesObject,
  type V1Deployment,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { SandboxCluster } from '@/sandbox/kube/sandbox-cluster';
import { bundleManifest, startKubeTarget, watchUntil, type KubeTarget } from './kube-target';

const FIELD_MANAGER = 'zonekeeper';

describe('@kubernetes/client-node against a sandbox cluster', () => {
  let target: KubeTarget;
  let cluster: SandboxCluster;
  let config: KubeConfig;
  let objects: KubernetesObjectApi;

  const applyBundle = async (keyVersion: string) => {
    const documents = parseAllDocuments(bundleManifest(keyVersion)).map(
      (document) => document.toJS() as KubernetesObject,
    );
    const results: KubernetesObject[] = [];
    for (const document of documents)
      results.push(
        await objects.patch(
          document,
          undefined,
          undefined,
          FIELD_MANAGER,
          true,
          PatchStrategy.ServerSideApply,
        ),
      );
    return results;
  };

  beforeAll(async () => {
    target = await startKubeTarget(['acme-staging']);
    cluster = target.clusters['acme-staging']!;
    config = new KubeConfig();
    config.loadFromFile(cluster.kubeconfigPath);
    objects = KubernetesObjectApi.makeApiClient(config);
  });
  afterAll(async () => {
    await target?.close();
  });

  it('applies the bundle server-side under the zonekeeper field manager', async () => {
    const results = await applyBundle('1');
    expect(results.map((object) => `${object.kind}/${object.metadata?.name}`)).toEqual([
      'Namespace/external-dns',
      'ServiceAccount/external-dns',
      'ClusterRole/external-dns',
      'ClusterRoleBinding/external-dns-viewer',
      'Secret/external-dns-aws',
      'Deployment/external-dns',
    ]);
    for (const object of results) {
      expect(object.metadata?.uid).toBeTruthy();
      expect(
        object.metadata?.managedFields?.map((entry) => `${entry.manager}:${entry.operation}`),
      ).toEqual([`${FIELD_MANAGER}:Apply`]);
    }
  });

  it('reads objects back through the typed APIs', async () => {
    const core = config.makeApiClient(CoreV1Api);
    const secret = await core.readNamespacedSecret({
      name: 'external-dns-aws',
      namespace: 'external-dns',
    });
    expect(Buffer.from(secret.data!.credentials!, 'base64').toString()).toContain(
      'AKIAKEYVERSION1',
    );
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map((namespace) => namespace.metadata?.name)).toContain('external-dns');
    const apps = config.makeApiClient(AppsV1Api);
    const deployment = await apps.readNamespacedDeployment({
      name: 'external-dns',
      namespace: 'external-dns',
    });
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe(
      'registry.k8s.io/external-dns/external-dns:v0.22.0',
    );
    const read = await objects.read({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'external-dns' },
    });
    expect((read as { rules: unknown[] }).rules).toHaveLength(3);
  });

  it('applying the same bundle again is a no-op: resourceVersions stay', async () => {
    // The first rollout's status update would move the Deployment's resourceVersion: wait it out.
    const apps = config.makeApiClient(AppsV1Api);
    const listed = await apps.listNamespacedDeployment({ namespace: 'external-dns' });
    if (listed.items[0]?.status?.availableReplicas !== 1)
      await watchUntil(
        cluster,
        `/apis/apps/v1/namespaces/external-dns/deployments?watch=true&resourceVersion=${listed.metadata?.resourceVersion}`,
        (event) =>
          (event.object.status as { availableReplicas?: number } | undefined)?.availableReplicas ===
          1,
      );
    const before = await applyBundle('1');
    const after = await applyBundle('1');
    expect(after.map((object) => object.metadata?.resourceVersion)).toEqual(
      before.map((object) => object.metadata?.resourceVersion),
    );
  });

  it('a new key version rolls the deployment, and a Watch sees the rollout complete', async () => {
    const apps = config.makeApiClient(AppsV1Api);
    const listed = await apps.listNamespacedDeployment({ namespace: 'external-dns' });
    const rolledOut = new Promise<V1Deployment>((resolve, reject) => {
      void new Watch(config)
        .watch(
          '/apis/apps/v1/namespaces/external-dns/deployments',
          {
            resourceVersion: listed.metadata?.resourceVersion,
            fieldSelector: 'metadata.name=external-dns',
          },
          (phase, deployment: V1Deployment) => {
            const status = deployment.status;
            if (
              phase === 'MODIFIED' &&
              deployment.metadata?.generation === 2 &&
              status?.observedGeneration === 2 &&
              status.updatedReplicas === 1 &&
              status.availableReplicas === 1
            )
              resolve(deployment);
          },
          (error) => (error ? reject(error) : undefined),
        )
        .then((controller) => rolledOut.finally(() => controller.abort()), reject);
    });
    const [, , , , secret, deployment] = await applyBundle('2');
    expect(deployment!.metadata?.generation).toBe(2);
    expect((deployment as V1Deployment).status?.updatedReplicas ?? 0).toBe(0);
    expect(
      Buffer.from(
        (secret as { data: { credentials: string } }).data.credentials,
        'base64',
      ).toString(),
    ).toContain('AKIAKEYVERSION2');
    const done = await rolledOut;
    expect(
      done.status?.conditions?.find((condition) => condition.type === 'Progressing')?.reason,
    ).toBe('NewReplicaSetAvailable');
  });

  it('a conflicting apply by another manager fails with ApiException 409 Conflict', async () => {
    const scaled = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'external-dns', namespace: 'external-dns' },
      spec: { replicas: 2 },
    };
    const failure = await objects
      .patch(scaled, undefined, undefined, 'someone-else', false, PatchStrategy.ServerSideApply)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(ApiException);
    const exception = failure as ApiException<string>;
    expect(exception.code).toBe(409);
    const status = JSON.parse(exception.body) as { reason: string; message: string };
    expect(status.reason).toBe('Conflict');
    expect(status.message).toBe(
      'Apply failed with 1 conflict: conflict with "zonekeeper" using apps/v1: .spec.replicas',
    );
  });

  it('a deleted object reads as ApiException 404', async () => {
    const core = config.makeApiClient(CoreV1Api);
    await core.deleteNamespacedSecret({ name: 'external-dns-aws', namespace: 'external-dns' });
    const failure = await core
      .readNamespacedSecret({ name: 'external-dns-aws', namespace: 'external-dns' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(ApiException);
    expect((failure as ApiException<string>).code).toBe(404);
  });
});
