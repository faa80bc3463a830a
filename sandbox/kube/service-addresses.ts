// Cluster IPs (from 10.96.0.0/16) and node ports (30000-32767) for Services, as the API
// server's allocators hand them out: the first one no stored Service holds.
import type { JsonObject } from './field-paths';
import { findResourceType } from './kube-resources';
import { KubeApiError } from './kube-status';
import { resourceKey, type KubeStore } from './kube-store';

const SERVICES = resourceKey(findResourceType('', 'v1', 'services')!);
const NODE_PORT_RANGE = { first: 30000, last: 32767 };
/** 10.96.0.1 is the `kubernetes` Service's; allocation starts above the low addresses. */
const FIRST_CLUSTER_IP_INDEX = 10;

const specsOf = (store: KubeStore) =>
  store.list(SERVICES).map((service) => (service.spec ?? {}) as JsonObject);

export function createServiceAddressAllocator(store: KubeStore) {
  return {
    allocateClusterIp(): string {
      const taken = new Set(specsOf(store).map((spec) => spec.clusterIP));
      for (let index = FIRST_CLUSTER_IP_INDEX; index < 65_535; index += 1) {
        const ip = `10.96.${Math.floor(index / 256)}.${index % 256}`;
        if (!taken.has(ip)) return ip;
      }
      throw new KubeApiError(500, 'InternalError', 'the service IP range 10.96.0.0/16 is full');
    },
    /** `alsoTaken`: ports the Service being written already holds. */
    allocateNodePort(alsoTaken: readonly unknown[]): number {
      const taken = new Set<unknown>([
        ...alsoTaken,
        ...specsOf(store).flatMap((spec) =>
          ((spec.ports as JsonObject[] | undefined) ?? []).map((port) => port.nodePort),
        ),
      ]);
      for (let port = NODE_PORT_RANGE.first; port <= NODE_PORT_RANGE.last; port += 1)
        if (!taken.has(port)) return port;
      throw new KubeApiError(500, 'InternalError', 'the node port range 30000-32767 is full');
    },
  };
}
