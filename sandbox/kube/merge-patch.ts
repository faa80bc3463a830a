// JSON merge patch (RFC 7386) and the part of strategic merge patch kubectl's everyday commands
// (label, annotate, scale, rollout restart) send: maps merge, null deletes, and lists of objects
// that all carry a `name` merge item by item (containers, env, volumes, ports); other lists replace.
// `$patch`/`$retainKeys` directives are not modeled.
import { isJsonObject, type JsonObject } from './field-paths';

export function jsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: JsonObject = isJsonObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = jsonMergePatch(result[key], value);
  }
  return result;
}

const isNamedList = (value: unknown): value is JsonObject[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((item) => isJsonObject(item) && typeof item.name === 'string');

export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (isNamedList(patch) && isNamedList(target)) {
    const merged = target.map((item) => structuredClone(item));
    for (const item of patch) {
      const index = merged.findIndex((existing) => existing.name === item.name);
      if (index === -1) merged.push(strategicMergePatch(undefined, item) as JsonObject);
      else merged[index] = strategicMergePatch(merged[index], item) as JsonObject;
    }
    return merged;
  }
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: JsonObject = isJsonObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = strategicMergePatch(result[key], value);
  }
  return result;
}
