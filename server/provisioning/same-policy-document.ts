// Whether two IAM policy documents say the same thing, compared as IAM reads them rather than as
// text: key order, whitespace, statement order, a single value versus a one-element list, the
// order of actions and resources, and the case of action names do not matter.

const LIST_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);
const ACTION_KEYS = new Set(['Action', 'NotAction']);

type Canonical = string | number | boolean | null | Canonical[] | { [key: string]: Canonical };

/** False also when either document is not JSON: an unreadable policy is never the expected one. */
export function samePolicyDocument(left: string, right: string): boolean {
  const a = canonicalDocument(left);
  return a !== undefined && a === canonicalDocument(right);
}

function canonicalDocument(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return JSON.stringify(canonical(parsed, ''));
}

function canonical(value: unknown, key: string): Canonical {
  if (key === 'Statement') {
    const statements = (Array.isArray(value) ? value : [value]).map((s) =>
      JSON.stringify(canonical(s, '')),
    );
    return [...new Set(statements)].sort().map((s) => JSON.parse(s) as Canonical);
  }
  if (LIST_KEYS.has(key) && (typeof value === 'string' || Array.isArray(value))) {
    const values = (Array.isArray(value) ? value : [value]).map((v) =>
      ACTION_KEYS.has(key) && typeof v === 'string' ? v.toLowerCase() : v,
    );
    return [...new Set(values.map((v) => JSON.stringify(canonical(v, ''))))]
      .sort()
      .map((v) => JSON.parse(v) as Canonical);
  }
  if (Array.isArray(value)) return value.map((item) => canonical(item, ''));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v, k)]));
  }
  return value as Canonical;
}
