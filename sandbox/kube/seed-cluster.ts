// What a new cluster holds before anyone writes: the system namespaces (each with its default
// ServiceAccount), the `kubernetes` Service and one ready node.
import type { KubeApi } from './kube-api';
import { findResourceType } from './kube-resources';
import { resourceKey, type KubeStore } from './kube-store';

const SYSTEM = { fieldManager: 'kube-apiserver', dryRun: false };
const NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export function seedCluster(
  api: KubeApi,
  store: KubeStore,
  clusterName: string,
  now: number,
): void {
  const namespaces = findResourceType('', 'v1', 'namespaces')!;
  if (store.list(resourceKey(namespaces)).length > 0) return;
  for (const name of NAMESPACES) api.create(namespaces, undefined, { metadata: { name } }, SYSTEM);
  api.create(
    findResourceType('', 'v1', 'services')!,
    'default',
    {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    },
    SYSTEM,
  );
  // Nodes are read-only through the API, so the seed writes the node straight into the store.
  const nodeName = `${clusterName}-node-1`;
  const created = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  store.put(resourceKey(findResourceType('', 'v1', 'nodes')!), {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      uid: `00000000-0000-4000-8000-${Buffer.from(clusterName).toString('hex').slice(0, 12).padEnd(12, '0')}`,
      creationTimestamp: created,
      labels: {
        'kubernetes.io/hostname': nodeName,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': 'us-east-1',
      },
    },
    spec: {},
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: '10.0.0.10' },
        { type: 'Hostname', address: nodeName },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.0',
      },
    },
  });
}
