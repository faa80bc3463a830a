// The controllers a real cluster runs behind the API, reduced to what clients observe: the
// Deployment controller finishing a rollout, and the namespace controller emptying a terminating
// Namespace before removing it. Each acts `delayMs` after the write that started it.
import { rolloutCompletedStatus, rolloutPending } from './deployment-rollout';
import type { JsonObject } from './field-paths';
import { findResourceType, KUBE_RESOURCE_TYPES } from './kube-resources';
import { resourceKey, type KubeStore } from './kube-store';

const NAMESPACES = resourceKey(findResourceType('', 'v1', 'namespaces')!);
const DEPLOYMENTS = resourceKey(findResourceType('apps', 'v1', 'deployments')!);
const NAMESPACED = KUBE_RESOURCE_TYPES.filter((type) => type.namespaced).map(resourceKey);

interface Metadata {
  name: string;
  namespace?: string;
  generation?: number;
  deletionTimestamp?: string;
}
const metadataOf = (object: JsonObject) => object.metadata as Metadata;

export function createSimulatedControllers(options: {
  store: KubeStore;
  delayMs: number;
  timestamp: () => string;
}) {
  const { store } = options;
  const timers = new Map<string, NodeJS.Timeout>();
  let rolloutsStalled = false;

  const later = (key: string, action: () => void) => {
    clearTimeout(timers.get(key));
    const timer = setTimeout(() => {
      timers.delete(key);
      action();
    }, options.delayMs);
    timer.unref();
    timers.set(key, timer);
  };

  function scheduleRollout(deployment: JsonObject): void {
    const { name, namespace = '', generation } = metadataOf(deployment);
    later(`rollout/${namespace}/${name}`, () => {
      if (rolloutsStalled) return;
      const current = store.get(DEPLOYMENTS, namespace, name);
      if (!current || metadataOf(current).generation !== generation) return;
      store.put(DEPLOYMENTS, {
        ...current,
        status: rolloutCompletedStatus(current, options.timestamp()),
      });
    });
  }

  /** Deletes what a terminating namespace holds, then the namespace itself. */
  function scheduleNamespaceRemoval(namespace: JsonObject): void {
    const { name } = metadataOf(namespace);
    later(`namespace/${name}`, () => {
      for (const resource of NAMESPACED) {
        for (const object of store.list(resource, name)) {
          if (resource === DEPLOYMENTS)
            clearTimeout(timers.get(`rollout/${name}/${metadataOf(object).name}`));
          store.remove(resource, name, metadataOf(object).name);
        }
      }
      store.remove(NAMESPACES, '', name);
    });
  }

  /** Picks up work a restart (or a stall) left unfinished. */
  function resume(): void {
    for (const deployment of store.list(DEPLOYMENTS))
      if (rolloutPending(deployment)) scheduleRollout(deployment);
    for (const namespace of store.list(NAMESPACES))
      if (metadataOf(namespace).deletionTimestamp) scheduleNamespaceRemoval(namespace);
  }

  return {
    scheduleRollout,
    cancelRollout: (namespace: string, name: string) =>
      clearTimeout(timers.get(`rollout/${namespace}/${name}`)),
    scheduleNamespaceRemoval,
    resume,
    /** Test hook: while stalled, rollouts never finish (a stuck rollout); unstalling resumes them. */
    setRolloutsStalled(stalled: boolean): void {
      rolloutsStalled = stalled;
      if (!stalled) resume();
    },
    close(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
