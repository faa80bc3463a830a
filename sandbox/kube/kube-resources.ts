// The resource types the sandbox Kubernetes API serves, with what discovery tells clients about
// them: plural name, kind, scope, short names and verbs, grouped by API group version.

export interface KubeResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  /** The plural resource name used in URLs, e.g. `deployments`. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  /** The resource's verbs; a read-only type (nodes, pods, endpointslices) lists only reads. */
  verbs: string[];
  /** Whether writes to the type's spec bump metadata.generation, as the real registry does. */
  tracksGeneration: boolean;
  /** Discovery categories; `kubectl get all` lists the types in `all`. */
  categories: string[];
}

const READ_WRITE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const READ_ONLY = ['get', 'list', 'watch'];

function type(
  group: string,
  version: string,
  plural: string,
  kind: string,
  options: Partial<Pick<KubeResourceType, 'namespaced' | 'shortNames' | 'verbs' | 'categories'>> & {
    generation?: boolean;
  } = {},
): KubeResourceType {
  return {
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    verbs: options.verbs ?? READ_WRITE,
    tracksGeneration: options.generation ?? false,
    categories: options.categories ?? [],
  };
}

export const KUBE_RESOURCE_TYPES: readonly KubeResourceType[] = [
  type('', 'v1', 'namespaces', 'Namespace', { namespaced: false, shortNames: ['ns'] }),
  type('', 'v1', 'serviceaccounts', 'ServiceAccount', { shortNames: ['sa'] }),
  type('', 'v1', 'secrets', 'Secret'),
  type('', 'v1', 'services', 'Service', { shortNames: ['svc'], categories: ['all'] }),
  type('', 'v1', 'pods', 'Pod', { shortNames: ['po'], verbs: READ_ONLY, categories: ['all'] }),
  type('', 'v1', 'nodes', 'Node', { namespaced: false, shortNames: ['no'], verbs: READ_ONLY }),
  type('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', { namespaced: false }),
  type('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', {
    namespaced: false,
  }),
  type('apps', 'v1', 'deployments', 'Deployment', {
    shortNames: ['deploy'],
    generation: true,
    categories: ['all'],
  }),
  type('networking.k8s.io', 'v1', 'ingresses', 'Ingress', {
    shortNames: ['ing'],
    generation: true,
  }),
  type('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', { verbs: READ_ONLY }),
];

export function groupVersionOf(resource: Pick<KubeResourceType, 'group' | 'version'>): string {
  return resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
}

export function findResourceType(
  group: string,
  version: string,
  plural: string,
): KubeResourceType | undefined {
  return KUBE_RESOURCE_TYPES.find(
    (candidate) =>
      candidate.group === group && candidate.version === version && candidate.plural === plural,
  );
}

/** The API groups in discovery order, each with its one served version. */
export function servedGroups(): { group: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const resource of KUBE_RESOURCE_TYPES) {
    if (resource.group !== '' && !seen.has(resource.group))
      seen.set(resource.group, resource.version);
  }
  return [...seen].map(([group, version]) => ({ group, version }));
}
