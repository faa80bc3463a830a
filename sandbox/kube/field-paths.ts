// Field paths inside Kubernetes objects and their FieldsV1 encoding (managedFields), at the
// granularity the sandbox models: every map key is a field, every list and scalar is one leaf.

export type JsonObject = { [key: string]: unknown };
export type FieldPath = readonly string[];

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields the server owns; no field manager ever holds them. */
const SERVER_FIELDS: Record<string, readonly string[]> = {
  '': ['apiVersion', 'kind', 'status'],
  metadata: [
    'name',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'deletionTimestamp',
    'managedFields',
    'selfLink',
  ],
};

/** Every leaf path of an object: scalars, lists and empty maps; nulls mean "not set". */
export function leafPaths(object: JsonObject): FieldPath[] {
  const paths: FieldPath[] = [];
  const walk = (value: JsonObject, prefix: string[]) => {
    const skip = prefix.length <= 1 ? (SERVER_FIELDS[prefix.join('')] ?? []) : [];
    for (const [key, child] of Object.entries(value)) {
      if (child === null || child === undefined || skip.includes(key)) continue;
      const path = [...prefix, key];
      if (isJsonObject(child) && Object.keys(child).length > 0) walk(child, path);
      else paths.push(path);
    }
  };
  walk(object, []);
  return paths;
}

export function valueAt(object: unknown, path: FieldPath): { found: boolean; value?: unknown } {
  let current: unknown = object;
  for (const segment of path) {
    if (!isJsonObject(current) || !(segment in current)) return { found: false };
    current = current[segment];
  }
  return { found: current !== undefined && current !== null, value: current };
}

/** Removes the field at `path`, then any map it leaves empty below the top level. */
export function deleteAt(object: JsonObject, path: FieldPath): void {
  const parents: JsonObject[] = [object];
  for (const segment of path.slice(0, -1)) {
    const next = parents[parents.length - 1]![segment];
    if (!isJsonObject(next)) return;
    parents.push(next);
  }
  delete parents[parents.length - 1]![path[path.length - 1]!];
  for (let depth = parents.length - 1; depth >= 2; depth -= 1) {
    if (Object.keys(parents[depth]!).length > 0) break;
    delete parents[depth - 1]![path[depth - 1]!];
  }
}

export function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) && Array.isArray(right))
    return left.length === right.length && left.every((item, i) => deepEqual(item, right[i]));
  if (isJsonObject(left) && isJsonObject(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => key in right && deepEqual(left[key], right[key]))
    );
  }
  return false;
}

/** True when one path is the other or lies inside it. */
export function overlaps(left: FieldPath, right: FieldPath): boolean {
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i += 1) if (left[i] !== right[i]) return false;
  return true;
}

export const pathKey = (path: FieldPath): string => JSON.stringify(path);
export const pathFromKey = (key: string): FieldPath => JSON.parse(key) as string[];

/** How the API server prints a path in conflict messages: `.spec.replicas`. */
export const displayPath = (path: FieldPath): string => `.${path.join('.')}`;

/** The FieldsV1 tree `{"f:spec":{"f:replicas":{}}}` of a set of leaf paths. */
export function toFieldsV1(paths: Iterable<FieldPath>): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key = `f:${segment}`;
      node[key] ??= {};
      node = node[key] as JsonObject;
    }
  }
  return root;
}

/** The leaf paths of a FieldsV1 tree; `k:`/`v:` keys (list items) count as their list. */
export function fromFieldsV1(fields: unknown): FieldPath[] {
  const paths: FieldPath[] = [];
  const walk = (node: unknown, prefix: string[]) => {
    const children = isJsonObject(node)
      ? Object.keys(node).filter((key) => key.startsWith('f:'))
      : [];
    const hasItems = isJsonObject(node) && Object.keys(node).some((key) => /^[kvi]:/.test(key));
    if (children.length === 0 || hasItems) {
      if (prefix.length > 0) paths.push(prefix);
      return;
    }
    for (const key of children) walk((node as JsonObject)[key], [...prefix, key.slice(2)]);
  };
  walk(fields, []);
  return paths;
}
