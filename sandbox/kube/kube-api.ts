// The API server's registry for one sandbox cluster: create, get, list, replace, patch,
// server-side apply and delete, with defaults, validation, generation, managedFields and no-op
// detection; it starts the simulated controllers (simulated-controllers.ts). HTTP: kube-http.ts.
import { randomUUID } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { rolloutStartedStatus } from './deployment-rollout';
import { deepEqual, isJsonObject, type JsonObject } from './field-paths';
import { findResourceType, groupVersionOf, type KubeResourceType } from './kube-resources';
import {
  alreadyExists,
  badRequest,
  invalid,
  KubeApiError,
  notFound,
  staleResourceVersion,
  unsupportedMediaType,
} from './kube-status';
import { resourceKey, type KubeStore } from './kube-store';
import { jsonMergePatch, strategicMergePatch } from './merge-patch';
import { applyDefaults, type DefaultingContext } from './object-defaults';
import { validateObject } from './object-validation';
import { createServiceAddressAllocator } from './service-addresses';
import { createSimulatedControllers } from './simulated-controllers';
import {
  applyConfiguration,
  describeConflicts,
  recordUpdate,
  type ManagedFieldsEntry,
} from './server-side-apply';

export interface KubeApiOptions {
  store: KubeStore;
  region: string;
  /** How long the simulated controllers take: a rollout to finish, a namespace to go away. */
  controllerDelayMs: number;
  now: () => number;
}

export interface WriteOptions {
  fieldManager: string;
  dryRun: boolean;
}

const NAMESPACES = findResourceType('', 'v1', 'namespaces')!;
const SERVICE_ACCOUNTS = findResourceType('', 'v1', 'serviceaccounts')!;

const metadataOf = (object: JsonObject): JsonObject => {
  if (!isJsonObject(object.metadata)) object.metadata = {};
  return object.metadata as JsonObject;
};

/** Kubernetes timestamps are RFC 3339 in whole seconds. */
const timestamp = (milliseconds: number) =>
  new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function createKubeApi(options: KubeApiOptions) {
  const { store } = options;
  const controllers = createSimulatedControllers({
    store,
    delayMs: options.controllerDelayMs,
    timestamp: () => timestamp(options.now()),
  });

  const defaulting: DefaultingContext = {
    region: options.region,
    ...createServiceAddressAllocator(store),
  };

  const namespaceOf = (type: KubeResourceType, namespace: string | undefined) =>
    type.namespaced ? (namespace ?? '') : '';

  function requireNamespace(type: KubeResourceType, namespace: string, name: string): void {
    if (!type.namespaced) return;
    const found = store.get(resourceKey(NAMESPACES), '', namespace);
    if (!found) throw notFound(NAMESPACES, namespace);
    if (metadataOf(found).deletionTimestamp)
      throw new KubeApiError(
        403,
        'Forbidden',
        `${type.plural} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        { name, kind: type.plural },
      );
  }

  function checkTypeOf(type: KubeResourceType, body: JsonObject): void {
    const apiVersion = groupVersionOf(type);
    if (body.kind !== undefined && body.kind !== type.kind)
      throw badRequest(
        `the kind of the provided object (${String(body.kind)}) does not match the kind of the URL (${type.kind})`,
      );
    if (body.apiVersion !== undefined && body.apiVersion !== apiVersion)
      throw badRequest(
        `the API version of the provided object (${String(body.apiVersion)}) does not match the URL (${apiVersion})`,
      );
  }

  function checkNamespaceOf(type: KubeResourceType, body: JsonObject, namespace: string): void {
    const metadata = metadataOf(body);
    if (!type.namespaced) {
      delete metadata.namespace;
      return;
    }
    if (metadata.namespace !== undefined && metadata.namespace !== namespace)
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    metadata.namespace = namespace;
  }

  /** Defaults, validation, generation and status shared by every write path. */
  function finishWrite(
    type: KubeResourceType,
    object: JsonObject,
    previous: JsonObject | undefined,
  ): { templateChanged: boolean; specChanged: boolean } {
    applyDefaults(type.kind, object, previous, defaulting);
    const name = String(metadataOf(object).name ?? '');
    const causes = validateObject(type.kind, object, previous);
    if (causes.length > 0) throw invalid(type, name, causes);
    const specChanged = !previous || !deepEqual(previous.spec, object.spec);
    const templateChanged =
      !previous ||
      !deepEqual((previous.spec as JsonObject)?.template, (object.spec as JsonObject)?.template);
    if (type.tracksGeneration) {
      const generation = Number(previous ? metadataOf(previous).generation : 0);
      metadataOf(object).generation = specChanged ? generation + 1 : generation;
    }
    if (type.kind === 'Deployment') {
      if (previous && !specChanged) object.status = previous.status;
      else
        object.status = rolloutStartedStatus(
          { ...object, status: previous?.status },
          templateChanged,
          timestamp(options.now()),
        );
    } else if (type.kind !== 'Namespace' && type.kind !== 'Service') {
      if (previous?.status !== undefined) object.status = previous.status;
      else delete object.status;
    }
    return { templateChanged, specChanged };
  }

  const context = (type: KubeResourceType, fieldManager: string) => ({
    manager: fieldManager,
    apiVersion: groupVersionOf(type),
    time: timestamp(options.now()),
  });

  /** Stores a written object unless it is a dry run or changed nothing, then runs controllers. */
  function commit(
    type: KubeResourceType,
    object: JsonObject,
    previous: JsonObject | undefined,
    write: WriteOptions,
    changes: { specChanged: boolean },
  ): JsonObject {
    if (previous && sameContent(previous, object)) return previous;
    if (write.dryRun) return object;
    const stored = store.put(resourceKey(type), object);
    if (type.kind === 'Deployment' && changes.specChanged) controllers.scheduleRollout(stored);
    if (type.kind === 'Namespace' && !previous) {
      const namespace = String(metadataOf(stored).name);
      if (!store.get(resourceKey(SERVICE_ACCOUNTS), namespace, 'default'))
        create(
          SERVICE_ACCOUNTS,
          namespace,
          { metadata: { name: 'default' } },
          { fieldManager: 'kube-controller-manager', dryRun: false },
        );
    }
    return stored;
  }

  function create(
    type: KubeResourceType,
    namespace: string | undefined,
    body: JsonObject,
    write: WriteOptions,
  ): JsonObject {
    const ns = namespaceOf(type, namespace);
    checkTypeOf(type, body);
    const object = structuredClone(body);
    object.apiVersion = groupVersionOf(type);
    object.kind = type.kind;
    checkNamespaceOf(type, object, ns);
    const metadata = metadataOf(object);
    if (metadata.resourceVersion !== undefined && metadata.resourceVersion !== '')
      throw badRequest('resourceVersion should not be set on objects to be created');
    if (!metadata.name && typeof metadata.generateName === 'string')
      metadata.name = `${metadata.generateName}${randomUUID().replace(/-/g, '').slice(0, 5)}`;
    const name = String(metadata.name ?? '');
    if (name && store.get(resourceKey(type), ns, name)) throw alreadyExists(type, name);
    requireNamespace(type, ns, name);
    metadata.uid = randomUUID();
    metadata.creationTimestamp = timestamp(options.now());
    delete metadata.managedFields;
    const changes = finishWrite(type, object, undefined);
    metadata.managedFields = recordUpdate(undefined, object, [], context(type, write.fieldManager));
    return commit(type, object, undefined, write, changes);
  }

  function get(type: KubeResourceType, namespace: string | undefined, name: string): JsonObject {
    const object = store.get(resourceKey(type), namespaceOf(type, namespace), name);
    if (!object) throw notFound(type, name);
    return object;
  }

  function has(type: KubeResourceType, namespace: string | undefined, name: string): boolean {
    return store.get(resourceKey(type), namespaceOf(type, namespace), name) !== undefined;
  }

  function list(type: KubeResourceType, namespace: string | undefined) {
    return {
      items: store.list(resourceKey(type), type.namespaced ? namespace : undefined),
      resourceVersion: String(store.currentResourceVersion()),
    };
  }

  /** A full update of `existing` to `body` (PUT, or the result of a patch). */
  function update(
    type: KubeResourceType,
    existing: JsonObject,
    body: JsonObject,
    write: WriteOptions,
  ): JsonObject {
    checkTypeOf(type, body);
    const previousMetadata = metadataOf(existing);
    const object = structuredClone(body);
    object.apiVersion = groupVersionOf(type);
    object.kind = type.kind;
    checkNamespaceOf(type, object, String(previousMetadata.namespace ?? ''));
    const metadata = metadataOf(object);
    const name = String(previousMetadata.name);
    if (metadata.name !== undefined && metadata.name !== name)
      throw badRequest(
        `the name of the object (${String(metadata.name)}) does not match the name on the URL (${name})`,
      );
    if (
      metadata.resourceVersion !== undefined &&
      metadata.resourceVersion !== previousMetadata.resourceVersion
    )
      throw staleResourceVersion(type, name);
    Object.assign(metadata, {
      name,
      uid: previousMetadata.uid,
      creationTimestamp: previousMetadata.creationTimestamp,
      resourceVersion: previousMetadata.resourceVersion,
      ...serverKept(previousMetadata),
    });
    delete metadata.managedFields;
    const changes = finishWrite(type, object, existing);
    metadata.managedFields = recordUpdate(
      withoutManagedFields(existing),
      object,
      (previousMetadata.managedFields as ManagedFieldsEntry[] | undefined) ?? [],
      context(type, write.fieldManager),
    );
    return commit(type, object, existing, write, changes);
  }

  function replace(
    type: KubeResourceType,
    namespace: string | undefined,
    name: string,
    body: JsonObject,
    write: WriteOptions,
  ) {
    return update(type, get(type, namespace, name), body, write);
  }

  function serverSideApply(
    type: KubeResourceType,
    namespace: string | undefined,
    name: string,
    applied: JsonObject,
    write: WriteOptions & { force: boolean },
  ): JsonObject {
    const ns = namespaceOf(type, namespace);
    if (!isJsonObject(applied)) throw badRequest('the applied configuration must be an object');
    if (applied.kind !== type.kind || applied.apiVersion !== groupVersionOf(type))
      throw badRequest(
        `apply requires apiVersion ${groupVersionOf(type)} and kind ${type.kind} in the configuration`,
      );
    const configuration = structuredClone(applied);
    checkNamespaceOf(type, configuration, ns);
    const metadata = metadataOf(configuration);
    if (metadata.name !== name)
      throw badRequest(
        `the name of the object (${String(metadata.name)}) does not match the name on the URL (${name})`,
      );
    if (metadata.managedFields !== undefined)
      throw badRequest('metadata.managedFields must be nil');
    const existing = store.get(resourceKey(type), ns, name);
    if (
      metadata.resourceVersion !== undefined &&
      metadata.resourceVersion !== metadataOf(existing ?? {}).resourceVersion
    )
      throw staleResourceVersion(type, name);
    for (const key of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink'])
      delete metadata[key];
    delete configuration.status;
    if (!existing) requireNamespace(type, ns, name);

    const live = existing ? withoutManagedFields(existing) : undefined;
    const ownership = (existing ? metadataOf(existing).managedFields : undefined) as
      ManagedFieldsEntry[] | undefined;
    // Lists are atomic, so a live list carries defaults the configuration leaves out: conflicts
    // compare the configuration as it would be stored, defaults included.
    const asStored = (merged: JsonObject) => {
      const copy = structuredClone(merged);
      applyDefaults(type.kind, copy, existing, defaulting);
      return copy;
    };
    const result = applyConfiguration(
      live,
      ownership ?? [],
      configuration,
      context(type, write.fieldManager),
      write.force,
      asStored,
    );
    if (!result.ok) {
      const { message, causes } = describeConflicts(result.conflicts, groupVersionOf(type));
      throw new KubeApiError(409, 'Conflict', message, { causes });
    }
    const object = result.object;
    const objectMetadata = metadataOf(object);
    objectMetadata.name = name;
    if (type.namespaced) objectMetadata.namespace = ns;
    if (existing) {
      const previousMetadata = metadataOf(existing);
      Object.assign(objectMetadata, {
        uid: previousMetadata.uid,
        creationTimestamp: previousMetadata.creationTimestamp,
        resourceVersion: previousMetadata.resourceVersion,
        ...serverKept(previousMetadata),
      });
    } else {
      objectMetadata.uid = randomUUID();
      objectMetadata.creationTimestamp = timestamp(options.now());
    }
    const changes = finishWrite(type, object, existing);
    objectMetadata.managedFields = result.managedFields;
    return commit(type, object, existing, write, changes);
  }

  function patch(
    type: KubeResourceType,
    namespace: string | undefined,
    name: string,
    contentType: string,
    body: string,
    write: WriteOptions & { force: boolean; fieldManagerGiven: boolean },
  ): JsonObject {
    if (contentType === 'application/apply-patch+yaml') {
      if (!write.fieldManagerGiven)
        throw badRequest('PATCH /apply: fieldManager is required for apply requests');
      let applied: unknown;
      try {
        applied = parseYaml(body);
      } catch (error) {
        throw badRequest(
          `error decoding YAML: ${error instanceof Error ? error.message : 'unreadable'}`,
        );
      }
      return serverSideApply(type, namespace, name, applied as JsonObject, write);
    }
    if (write.force) throw badRequest('force may only be set for apply patches');
    const merge =
      contentType === 'application/merge-patch+json'
        ? jsonMergePatch
        : contentType === 'application/strategic-merge-patch+json'
          ? strategicMergePatch
          : undefined;
    if (!merge) throw unsupportedMediaType(contentType);
    let patchBody: unknown;
    try {
      patchBody = JSON.parse(body);
    } catch {
      throw badRequest('the patch is not valid JSON');
    }
    const existing = get(type, namespace, name);
    const patched = merge(withoutManagedFields(existing), patchBody) as JsonObject;
    // A patch that does not name a resourceVersion must not fail on the one it inherited.
    const patchMetadata =
      isJsonObject(patchBody) && isJsonObject(patchBody.metadata) ? patchBody.metadata : {};
    if (patchMetadata.resourceVersion === undefined)
      metadataOf(patched).resourceVersion = metadataOf(existing).resourceVersion;
    return update(type, existing, patched, write);
  }

  function remove(
    type: KubeResourceType,
    namespace: string | undefined,
    name: string,
    preconditions: { uid?: string; resourceVersion?: string },
    dryRun: boolean,
  ): JsonObject {
    const ns = namespaceOf(type, namespace);
    const existing = get(type, ns, name);
    const metadata = metadataOf(existing);
    if (
      (preconditions.uid && preconditions.uid !== metadata.uid) ||
      (preconditions.resourceVersion && preconditions.resourceVersion !== metadata.resourceVersion)
    )
      throw new KubeApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${type.plural} "${name}": the precondition does not match the object`,
      );
    if (dryRun) return existing;
    if (type.kind === 'Namespace') {
      // Like the real namespace lifecycle: Terminating at once, emptied and removed shortly after.
      if (metadata.deletionTimestamp) return existing;
      const terminating = structuredClone(existing);
      metadataOf(terminating).deletionTimestamp = timestamp(options.now());
      terminating.status = { phase: 'Terminating' };
      const stored = store.put(resourceKey(type), terminating);
      controllers.scheduleNamespaceRemoval(stored);
      return stored;
    }
    if (type.kind === 'Deployment') controllers.cancelRollout(ns, name);
    return store.remove(resourceKey(type), ns, name)!;
  }

  return {
    create,
    get,
    has,
    list,
    replace,
    patch,
    delete: remove,
    /** Picks up rollouts and namespace removals a restart left unfinished. */
    resumeControllers: controllers.resume,
    setRolloutsStalled: controllers.setRolloutsStalled,
    close: controllers.close,
  };
}

export type KubeApi = ReturnType<typeof createKubeApi>;

/** Metadata only the server sets, carried over from the stored object on every write. */
function serverKept(metadata: JsonObject): JsonObject {
  return metadata.deletionTimestamp ? { deletionTimestamp: metadata.deletionTimestamp } : {};
}

function withoutManagedFields(object: JsonObject): JsonObject {
  const copy = structuredClone(object);
  delete metadataOf(copy).managedFields;
  return copy;
}

/** Whether a write changed nothing but managedFields timestamps (a no-op keeps its resourceVersion). */
function sameContent(previous: JsonObject, next: JsonObject): boolean {
  const strip = (object: JsonObject) => {
    const copy = structuredClone(object);
    const metadata = metadataOf(copy);
    delete metadata.resourceVersion;
    metadata.managedFields = (
      (metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? []
    ).map(({ time: _time, ...entry }) => entry);
    return copy;
  };
  return deepEqual(strip(previous), strip(next));
}
