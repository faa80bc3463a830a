// Field ownership as the API server keeps it in metadata.managedFields, and server-side apply on
// top of it. Modeled: maps merge key by key, lists and scalars are atomic leaves; an applier owns
// exactly the leaves of its last applied configuration; applying a leaf another manager owns with
// a different value is a conflict unless forced (then the field changes hands); a leaf the applier
// dropped from its configuration and nobody else owns is removed; an Update (create, PUT, merge
// patch) takes the leaves whose values it changed away from everyone else.
// Not modeled: associative lists (`k:{"name":...}` items; containers or env are one leaf each).
import {
  deepEqual,
  deleteAt,
  displayPath,
  fromFieldsV1,
  isJsonObject,
  leafPaths,
  overlaps,
  pathFromKey,
  pathKey,
  toFieldsV1,
  valueAt,
  type FieldPath,
  type JsonObject,
} from './field-paths';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
}

export interface ApplyConflict {
  manager: string;
  path: FieldPath;
}

export interface OwnershipContext {
  manager: string;
  apiVersion: string;
  /** RFC 3339 time stamped on the manager's entry. */
  time: string;
}

export type ApplyResult =
  | { ok: true; object: JsonObject; managedFields: ManagedFieldsEntry[] }
  | { ok: false; conflicts: ApplyConflict[] };

function entrySet(entry: ManagedFieldsEntry): Set<string> {
  return new Set(fromFieldsV1(entry.fieldsV1).map(pathKey));
}

function entryOf(
  context: OwnershipContext,
  operation: ManagedFieldsEntry['operation'],
  keys: Iterable<string>,
): ManagedFieldsEntry {
  return {
    manager: context.manager,
    operation,
    apiVersion: context.apiVersion,
    time: context.time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1([...keys].map(pathFromKey)),
  };
}

/** Deep merge of an applied configuration into the live object: maps merge, the rest replaces. */
export function mergeApplied(live: JsonObject, applied: JsonObject): JsonObject {
  const merged: JsonObject = structuredClone(live);
  for (const [key, value] of Object.entries(applied)) {
    if (value === null || value === undefined) delete merged[key];
    else if (isJsonObject(value) && isJsonObject(merged[key]))
      merged[key] = mergeApplied(merged[key], value);
    else merged[key] = structuredClone(value);
  }
  return merged;
}

/**
 * Server-side apply of `applied` (status and server-owned metadata already stripped) by
 * `context.manager` onto `live` (undefined when the object does not exist yet).
 */
export function applyConfiguration(
  live: JsonObject | undefined,
  managedFields: readonly ManagedFieldsEntry[],
  applied: JsonObject,
  context: OwnershipContext,
  force: boolean,
  /** How the merged object would be stored (server defaults added), for comparing values. */
  asStored: (merged: JsonObject) => JsonObject = (merged) => merged,
): ApplyResult {
  const appliedPaths = leafPaths(applied);
  const isMine = (entry: ManagedFieldsEntry) =>
    entry.manager === context.manager && entry.operation === 'Apply';
  const previous = managedFields.find(isMine);
  const merged = mergeApplied(live ?? {}, applied);
  const stored = asStored(merged);

  const others = managedFields
    .filter((entry) => !isMine(entry))
    .map((entry) => ({ entry, fields: entrySet(entry) }));
  const conflicts: ApplyConflict[] = [];
  for (const other of others) {
    for (const ownedKey of [...other.fields]) {
      const owned = pathFromKey(ownedKey);
      const clash = appliedPaths.find((path) => overlaps(path, owned));
      if (!clash) continue;
      const shorter = clash.length <= owned.length ? clash : owned;
      if (deepEqual(valueAt(live, shorter).value, valueAt(stored, shorter).value)) continue;
      if (force) other.fields.delete(ownedKey);
      else conflicts.push({ manager: other.entry.manager, path: shorter });
    }
  }
  if (conflicts.length > 0) return { ok: false, conflicts };

  const appliedKeys = new Set(appliedPaths.map(pathKey));
  for (const droppedKey of previous ? entrySet(previous) : []) {
    if (appliedKeys.has(droppedKey)) continue;
    const dropped = pathFromKey(droppedKey);
    if (appliedPaths.some((path) => overlaps(path, dropped))) continue;
    if (others.some((other) => [...other.fields].some((k) => overlaps(pathFromKey(k), dropped))))
      continue;
    deleteAt(merged, dropped);
  }

  const entries: ManagedFieldsEntry[] = [];
  let placed = false;
  for (const entry of managedFields) {
    if (isMine(entry)) {
      entries.push(entryOf(context, 'Apply', appliedKeys));
      placed = true;
      continue;
    }
    const fields = others.find((other) => other.entry === entry)!.fields;
    if (fields.size > 0)
      entries.push({ ...entry, fieldsV1: toFieldsV1([...fields].map(pathFromKey)) });
  }
  if (!placed) entries.push(entryOf(context, 'Apply', appliedKeys));
  // The applier keeps its entry even when it owns nothing (a bare Namespace): it has applied.
  return { ok: true, object: merged, managedFields: pruneToObject(entries, merged, isMine) };
}

/**
 * Ownership after an Update (create, PUT, merge patch) by `context.manager`: it takes every leaf
 * whose value it set or changed; fields that no longer exist leave every manager.
 */
export function recordUpdate(
  before: JsonObject | undefined,
  after: JsonObject,
  managedFields: readonly ManagedFieldsEntry[],
  context: OwnershipContext,
): ManagedFieldsEntry[] {
  const changed = leafPaths(after).filter(
    (path) => !deepEqual(valueAt(before, path).value, valueAt(after, path).value),
  );
  const isMine = (entry: ManagedFieldsEntry) =>
    entry.manager === context.manager && entry.operation === 'Update';
  const entries: ManagedFieldsEntry[] = [];
  let placed = false;
  for (const entry of managedFields) {
    const fields = entrySet(entry);
    if (isMine(entry)) {
      for (const path of changed) fields.add(pathKey(path));
      entries.push(entryOf(context, 'Update', fields));
      placed = true;
      continue;
    }
    for (const key of [...fields]) {
      if (changed.some((path) => overlaps(path, pathFromKey(key)))) fields.delete(key);
    }
    entries.push({ ...entry, fieldsV1: toFieldsV1([...fields].map(pathFromKey)) });
  }
  if (!placed && changed.length > 0) entries.push(entryOf(context, 'Update', changed.map(pathKey)));
  return pruneToObject(entries, after);
}

/** Drops owned paths the object no longer has, then entries left with nothing. */
function pruneToObject(
  entries: ManagedFieldsEntry[],
  object: JsonObject,
  keep: (entry: ManagedFieldsEntry) => boolean = () => false,
): ManagedFieldsEntry[] {
  return entries
    .map((entry) => ({
      ...entry,
      fieldsV1: toFieldsV1(
        fromFieldsV1(entry.fieldsV1).filter((path) => valueAt(object, path).found),
      ),
    }))
    .filter((entry) => keep(entry) || Object.keys(entry.fieldsV1).length > 0);
}

/** The API server's wording: `Apply failed with 1 conflict: conflict with "x" using apps/v1: .spec.replicas`. */
export function describeConflicts(conflicts: readonly ApplyConflict[], apiVersion: string) {
  const causes = conflicts.map((conflict) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with "${conflict.manager}" using ${apiVersion}`,
    field: displayPath(conflict.path),
  }));
  const count = `${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}`;
  const message = `Apply failed with ${count}: ${causes
    .map((cause) => `${cause.message}: ${cause.field}`)
    .join('\n')}`;
  return { message, causes };
}
