// Demo Services for `npm start`: a few LoadBalancer Services with the ExternalDNS hostname
// annotation in the demo sandbox clusters, created through each cluster's sandbox Kubernetes API
// as kubectl would, so the first visit shows a populated hostname map once ExternalDNS is
// delivered to the clusters. Idempotent: a Service that exists (from an earlier start, or changed
// by a person with kubectl) is left as it is.
import { findResourceType } from '../../sandbox/kube/kube-resources';
import { resourceKey } from '../../sandbox/kube/kube-store';
import type { SandboxCluster } from '../../sandbox/kube/sandbox-cluster';

export interface DemoService {
  /** The sandbox cluster, e.g. `acme-prod`. */
  cluster: string;
  /** The org whose zone the hostnames are in. */
  org: string;
  namespace: string;
  name: string;
  /** First labels of the hostnames, inside `<org>.<base domain>`. */
  hosts: string[];
  ttl?: number;
}

export const DEMO_SERVICES: readonly DemoService[] = [
  { cluster: 'acme-prod', org: 'acme', namespace: 'default', name: 'web', hosts: ['www'] },
  { cluster: 'acme-prod', org: 'acme', namespace: 'default', name: 'api', hosts: ['api'], ttl: 60 },
  {
    cluster: 'acme-prod',
    org: 'acme',
    namespace: 'shop',
    name: 'checkout',
    hosts: ['checkout', 'pay'],
  },
  { cluster: 'acme-staging', org: 'acme', namespace: 'default', name: 'web', hosts: ['staging'] },
  {
    cluster: 'globex-prod',
    org: 'globex',
    namespace: 'default',
    name: 'portal',
    hosts: ['portal'],
  },
];

const HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';
const TTL = 'external-dns.alpha.kubernetes.io/ttl';
const SERVICES = findResourceType('', 'v1', 'services')!;
const NAMESPACES = findResourceType('', 'v1', 'namespaces')!;
const AS_KUBECTL = { fieldManager: 'kubectl-create', dryRun: false };

/** Creates the demo Services missing from the given clusters; returns `<cluster>/<ns>/<name>`s made. */
export function seedDemoServices(
  clusters: Readonly<Record<string, SandboxCluster>>,
  baseDomain: string,
): string[] {
  const created: string[] = [];
  for (const service of DEMO_SERVICES) {
    const cluster = clusters[service.cluster];
    // Only the clusters this sandbox runs; `npm run sandbox -- --kube-clusters` may name others.
    if (!cluster) continue;
    if (!cluster.store.get(resourceKey(NAMESPACES), '', service.namespace))
      cluster.api.create(
        NAMESPACES,
        undefined,
        { metadata: { name: service.namespace } },
        AS_KUBECTL,
      );
    if (cluster.store.get(resourceKey(SERVICES), service.namespace, service.name)) continue;
    const zone = `${service.org}.${baseDomain}`;
    cluster.api.create(
      SERVICES,
      service.namespace,
      {
        metadata: {
          name: service.name,
          labels: { app: service.name, 'zonekeeper.io/demo': 'true' },
          annotations: {
            [HOSTNAME]: service.hosts.map((host) => `${host}.${zone}`).join(','),
            ...(service.ttl === undefined ? {} : { [TTL]: String(service.ttl) }),
          },
        },
        spec: {
          type: 'LoadBalancer',
          selector: { app: service.name },
          ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
        },
      },
      AS_KUBECTL,
    );
    created.push(`${service.cluster}/${service.namespace}/${service.name}`);
  }
  return created;
}
