// Vault ACL policies, in the subset Zonekeeper needs: `path "…" { capabilities = [...] }` rules in
// HCL or JSON, globs (`*` suffix, `+` segment), and Vault's "most specific path wins" matching.

export const VAULT_CAPABILITIES = [
  'create',
  'read',
  'update',
  'patch',
  'delete',
  'list',
  'sudo',
  'deny',
] as const;
export type VaultCapability = (typeof VAULT_CAPABILITIES)[number];

export interface VaultPathRule {
  path: string;
  capabilities: VaultCapability[];
}

export type VaultPolicyParseResult =
  { ok: true; rules: VaultPathRule[] } | { ok: false; message: string };

function toCapabilities(path: string, raw: unknown): VaultCapability[] | string {
  if (!Array.isArray(raw)) return `path "${path}": capabilities must be a list`;
  for (const capability of raw) {
    if (!VAULT_CAPABILITIES.includes(capability as VaultCapability)) {
      return `path "${path}": invalid capability ${JSON.stringify(capability)}`;
    }
  }
  return raw as VaultCapability[];
}

function parseJsonPolicy(text: string): VaultPolicyParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `failed to parse policy: ${(error as Error).message}` };
  }
  const paths = (parsed as { path?: unknown } | null)?.path;
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) {
    return { ok: false, message: 'failed to parse policy: "path" must be an object' };
  }
  const rules: VaultPathRule[] = [];
  for (const [path, body] of Object.entries(paths)) {
    const capabilities = toCapabilities(path, (body as { capabilities?: unknown })?.capabilities);
    if (typeof capabilities === 'string') return { ok: false, message: capabilities };
    rules.push({ path, capabilities });
  }
  return { ok: true, rules };
}

const HCL_COMMENT = /(#|\/\/)[^\n]*|\/\*[\s\S]*?\*\//g;
const HCL_PATH_BLOCK = /path\s+"([^"]*)"\s*\{\s*capabilities\s*=\s*\[([^\]]*)\]\s*,?\s*\}/y;
const HCL_STRING = /^\s*"([^"]*)"\s*$/;

/** HCL as Vault writes policies, limited to `path` blocks holding a `capabilities` list. */
function parseHclPolicy(text: string): VaultPolicyParseResult {
  const source = text.replace(HCL_COMMENT, '');
  const rules: VaultPathRule[] = [];
  let position = source.search(/\S|$/);
  while (position < source.length) {
    HCL_PATH_BLOCK.lastIndex = position;
    const block = HCL_PATH_BLOCK.exec(source);
    if (!block) {
      return {
        ok: false,
        message: `failed to parse policy: unsupported HCL near offset ${position}`,
      };
    }
    const [, path = '', list = ''] = block;
    const items = list.split(',').filter((item) => item.trim() !== '');
    const strings = items.map((item) => HCL_STRING.exec(item)?.[1]);
    if (strings.some((item) => item === undefined)) {
      return {
        ok: false,
        message: `failed to parse policy: path "${path}": capabilities must be strings`,
      };
    }
    const capabilities = toCapabilities(path, strings);
    if (typeof capabilities === 'string') return { ok: false, message: capabilities };
    rules.push({ path, capabilities });
    position = HCL_PATH_BLOCK.lastIndex + source.slice(HCL_PATH_BLOCK.lastIndex).search(/\S|$/);
  }
  return { ok: true, rules };
}

/** Vault accepts a policy body as HCL or as its JSON equivalent. */
export function parseVaultPolicy(text: string): VaultPolicyParseResult {
  return text.trimStart().startsWith('{') ? parseJsonPolicy(text) : parseHclPolicy(text);
}

function patternMatches(pattern: string, path: string): boolean {
  const prefixGlob = pattern.endsWith('*');
  const body = prefixGlob ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('+')
    .map((part) => part.replace(/[.*?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}${prefixGlob ? '.*' : ''}$`, 's').test(path);
}

/**
 * Vault's priority between matching patterns: the first wildcard further right wins, then a
 * pattern without a trailing `*`, then fewer `+` segments, then the longer pattern.
 */
function moreSpecific(a: string, b: string): number {
  const firstWildcard = (p: string) => {
    const positions = [p.indexOf('+'), p.indexOf('*')].filter((i) => i >= 0);
    return positions.length > 0 ? Math.min(...positions) : p.length;
  };
  const plusCount = (p: string) => p.split('+').length - 1;
  return (
    firstWildcard(b) - firstWildcard(a) ||
    Number(a.endsWith('*')) - Number(b.endsWith('*')) ||
    plusCount(a) - plusCount(b) ||
    b.length - a.length
  );
}

/**
 * The capabilities a set of policies grants on `path` (without the `/v1/` prefix). Rules for the
 * same pattern from different policies are merged; the most specific matching pattern decides;
 * `deny` on it removes every capability.
 */
export function capabilitiesOn(
  rules: readonly VaultPathRule[],
  path: string,
): Set<VaultCapability> {
  const merged = new Map<string, Set<VaultCapability>>();
  for (const rule of rules) {
    const capabilities = merged.get(rule.path) ?? new Set<VaultCapability>();
    rule.capabilities.forEach((capability) => capabilities.add(capability));
    merged.set(rule.path, capabilities);
  }
  const matching = [...merged.keys()].filter((pattern) => patternMatches(pattern, path));
  const best = matching.sort(moreSpecific)[0];
  const capabilities = (best !== undefined && merged.get(best)) || new Set<VaultCapability>();
  return capabilities.has('deny') ? new Set() : capabilities;
}
