// labelSelector and fieldSelector query parameters: `a=b,c!=d,e,!f,g in (x,y),h notin (z)` on
// labels, and `path=value` / `path!=value` on fields (metadata.name, metadata.namespace, ...).
import { isJsonObject, type JsonObject } from './field-paths';
import { badRequest } from './kube-status';

type Matcher = (object: JsonObject) => boolean;

/** Splits on commas outside parentheses. */
function requirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts.filter((part) => part !== '');
}

const labelsOf = (object: JsonObject): Record<string, string> => {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  return (isJsonObject(metadata.labels) ? metadata.labels : {}) as Record<string, string>;
};

export function parseLabelSelector(selector: string | null): Matcher {
  if (!selector) return () => true;
  const matchers = requirements(selector).map((requirement): Matcher => {
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(requirement);
    if (set) {
      const [, key, operator, list] = set as unknown as [string, string, string, string];
      const values = list.split(',').map((value) => value.trim());
      return (object) => {
        const value = labelsOf(object)[key];
        return operator === 'in'
          ? value !== undefined && values.includes(value)
          : value === undefined || !values.includes(value);
      };
    }
    const comparison = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(requirement);
    if (comparison) {
      const [, key, operator, value] = comparison as unknown as [string, string, string, string];
      return (object) =>
        operator === '!=' ? labelsOf(object)[key] !== value : labelsOf(object)[key] === value;
    }
    if (/^!\S+$/.test(requirement)) return (object) => !(requirement.slice(1) in labelsOf(object));
    if (/^\S+$/.test(requirement)) return (object) => requirement in labelsOf(object);
    throw badRequest(`unable to parse requirement: invalid label selector "${requirement}"`);
  });
  return (object) => matchers.every((matches) => matches(object));
}

function fieldValue(object: JsonObject, path: string): string {
  let current: unknown = object;
  for (const segment of path.split('.'))
    current = isJsonObject(current) ? current[segment] : undefined;
  return current === undefined || current === null ? '' : String(current);
}

export function parseFieldSelector(selector: string | null): Matcher {
  if (!selector) return () => true;
  const matchers = requirements(selector).map((requirement): Matcher => {
    const match = /^([^!=]+)(==|=|!=)(.*)$/.exec(requirement);
    if (!match) throw badRequest(`invalid field selector: "${requirement}"`);
    const [, path, operator, value] = match as unknown as [string, string, string, string];
    return (object) =>
      operator === '!=' ? fieldValue(object, path) !== value : fieldValue(object, path) === value;
  });
  return (object) => matchers.every((matches) => matches(object));
}
