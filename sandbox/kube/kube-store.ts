// One sandbox cluster's objects: a monotonic resourceVersion, the object map, and a bounded log
// of change events that watches replay from a resourceVersion and then follow live.
import type { JsonObject } from './field-paths';
import type { KubeResourceType } from './kube-resources';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  resourceVersion: number;
  type: WatchEventType;
  resource: string;
  namespace: string;
  object: JsonObject;
}

export interface KubeStoreSnapshot {
  resourceVersion: number;
  objects: { resource: string; object: JsonObject }[];
}

/** Events kept for watches that resume from an older resourceVersion; older ones get 410. */
const EVENT_LOG_SIZE = 1_000;

export const resourceKey = (type: Pick<KubeResourceType, 'group' | 'plural'>) =>
  `${type.group}/${type.plural}`;

function metadataOf(object: JsonObject): { name: string; namespace: string } {
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
  return { name: metadata.name ?? '', namespace: metadata.namespace ?? '' };
}

export function createKubeStore(snapshot?: KubeStoreSnapshot) {
  let resourceVersion = snapshot?.resourceVersion ?? 0;
  const objects = new Map<string, { resource: string; object: JsonObject }>();
  const events: StoreEvent[] = [];
  const listeners = new Set<(event: StoreEvent) => void>();
  const keyOf = (resource: string, namespace: string, name: string) =>
    `${resource}/${namespace}/${name}`;
  for (const saved of snapshot?.objects ?? []) {
    const { name, namespace } = metadataOf(saved.object);
    objects.set(keyOf(saved.resource, namespace, name), saved);
  }

  const record = (type: WatchEventType, resource: string, object: JsonObject) => {
    const event: StoreEvent = {
      resourceVersion,
      type,
      resource,
      namespace: metadataOf(object).namespace,
      object,
    };
    events.push(event);
    if (events.length > EVENT_LOG_SIZE) events.shift();
    for (const listener of listeners) listener(event);
  };

  return {
    currentResourceVersion: () => resourceVersion,

    get(resource: string, namespace: string, name: string): JsonObject | undefined {
      return objects.get(keyOf(resource, namespace, name))?.object;
    },

    list(resource: string, namespace?: string): JsonObject[] {
      const matches: JsonObject[] = [];
      for (const entry of objects.values()) {
        if (entry.resource !== resource) continue;
        if (namespace && metadataOf(entry.object).namespace !== namespace) continue;
        matches.push(entry.object);
      }
      return matches.sort((a, b) => {
        const left = metadataOf(a);
        const right = metadataOf(b);
        return left.namespace.localeCompare(right.namespace) || left.name.localeCompare(right.name);
      });
    },

    /** Stores the object under the next resourceVersion (set on it) and emits the event. */
    put(resource: string, object: JsonObject): JsonObject {
      const { name, namespace } = metadataOf(object);
      const key = keyOf(resource, namespace, name);
      const existed = objects.has(key);
      resourceVersion += 1;
      const stored = structuredClone(object);
      (stored.metadata as JsonObject).resourceVersion = String(resourceVersion);
      objects.set(key, { resource, object: stored });
      record(existed ? 'MODIFIED' : 'ADDED', resource, stored);
      return stored;
    },

    remove(resource: string, namespace: string, name: string): JsonObject | undefined {
      const key = keyOf(resource, namespace, name);
      const entry = objects.get(key);
      if (!entry) return undefined;
      objects.delete(key);
      resourceVersion += 1;
      const removed = structuredClone(entry.object);
      (removed.metadata as JsonObject).resourceVersion = String(resourceVersion);
      record('DELETED', resource, removed);
      return removed;
    },

    /** Events after `since`, or undefined when the log no longer reaches back that far. */
    eventsSince(since: number): StoreEvent[] | undefined {
      if (since >= resourceVersion) return [];
      const oldest = events[0]?.resourceVersion;
      if (oldest === undefined || oldest > since + 1) return undefined;
      return events.filter((event) => event.resourceVersion > since);
    },

    subscribe(listener: (event: StoreEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    snapshot(): KubeStoreSnapshot {
      return { resourceVersion, objects: [...objects.values()] };
    },
  };
}

export type KubeStore = ReturnType<typeof createKubeStore>;
