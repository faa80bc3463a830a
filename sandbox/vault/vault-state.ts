// The sandbox's Vault: one KV v2 mount, ACL policies and tokens, with Vault's rule that a token
// may only do what its policies grant on a path. Snapshots are JSON for ./data/sandbox/.
import { randomBytes, randomUUID } from 'node:crypto';
import { createKvStore, VaultRequestError, type KvStoreSnapshot } from './vault-kv';
import {
  capabilitiesOn,
  parseVaultPolicy,
  type VaultCapability,
  type VaultPathRule,
} from './vault-policy';

export const VAULT_SNAPSHOT_FORMAT = 'zonekeeper-sandbox-vault/1';

export interface VaultToken {
  id: string;
  accessor: string;
  policies: string[];
  displayName: string;
  meta: Record<string, string> | null;
  /** Seconds since the epoch, as lookup-self reports it. */
  creationTime: number;
  path: string;
}

export interface VaultSnapshot {
  format: typeof VAULT_SNAPSHOT_FORMAT;
  mount: string;
  kv: KvStoreSnapshot;
  /** Policy name -> the policy text as written (HCL or JSON). */
  policies: Record<string, string>;
  tokens: VaultToken[];
}

export interface VaultStateOptions {
  /** The token allowed everything (policy "root"); it is configuration, never snapshotted. */
  rootToken: string;
  /** The KV v2 mount path, `secret` as in `vault server -dev`. */
  mount?: string;
  snapshot?: VaultSnapshot;
}

/** Every token carries Vault's built-in "default" policy, which lets it look itself up. */
const DEFAULT_POLICY = 'path "auth/token/lookup-self" {\n  capabilities = ["read"]\n}\n';

export type VaultState = ReturnType<typeof createVaultState>;

const newTokenId = () => `hvs.${randomBytes(18).toString('base64url')}`;

export function createVaultState(options: VaultStateOptions) {
  const snapshot = options.snapshot;
  const mount = (options.mount ?? snapshot?.mount ?? 'secret').replace(/^\/+|\/+$/g, '');
  if (snapshot && snapshot.format !== VAULT_SNAPSHOT_FORMAT) {
    throw new Error(`Unknown Vault snapshot format ${String(snapshot.format)}`);
  }
  if (snapshot && snapshot.mount !== mount) {
    throw new Error(`Vault snapshot is for mount ${snapshot.mount}, not ${mount}`);
  }
  const kv = createKvStore(snapshot?.kv);
  const policyTexts = new Map(Object.entries(snapshot?.policies ?? { default: DEFAULT_POLICY }));
  const policyRules = new Map<string, VaultPathRule[]>();
  for (const [name, text] of policyTexts) {
    const parsed = parseVaultPolicy(text);
    if (!parsed.ok) throw new Error(`Vault snapshot holds an invalid policy ${name}`);
    policyRules.set(name, parsed.rules);
  }
  const tokens = new Map((snapshot?.tokens ?? []).map((token) => [token.id, { ...token }]));
  const rootToken: VaultToken = {
    id: options.rootToken,
    accessor: 'sandbox-root-accessor',
    policies: ['root'],
    displayName: 'root',
    meta: null,
    creationTime: Math.floor(Date.now() / 1000),
    path: 'auth/token/root',
  };
  tokens.set(rootToken.id, rootToken);

  return {
    mount,
    kv,

    lookupToken: (id: string | undefined): VaultToken | undefined =>
      id === undefined ? undefined : tokens.get(id),

    /** Whether `token` holds `capability` on `path` (a request path without `/v1/`). */
    can(token: VaultToken, path: string, capability: VaultCapability): boolean {
      if (token.policies.includes('root')) return true;
      const rules = token.policies.flatMap((name) => policyRules.get(name) ?? []);
      return capabilitiesOn(rules, path).has(capability);
    },

    listPolicies: (): string[] => ['root', ...[...policyTexts.keys()].sort()],
    getPolicy: (name: string): string | undefined => policyTexts.get(name.toLowerCase()),

    /** Vault lowercases policy names; "root" is immutable. */
    putPolicy(name: string, text: string): void {
      const lowerName = name.toLowerCase();
      if (lowerName === 'root') throw new VaultRequestError('cannot update "root" policy');
      const parsed = parseVaultPolicy(text);
      if (!parsed.ok) throw new VaultRequestError(parsed.message);
      policyTexts.set(lowerName, text);
      policyRules.set(lowerName, parsed.rules);
    },

    deletePolicy(name: string): void {
      const lowerName = name.toLowerCase();
      if (lowerName === 'root' || lowerName === 'default') {
        throw new VaultRequestError(`cannot delete "${lowerName}" policy`);
      }
      policyTexts.delete(lowerName);
      policyRules.delete(lowerName);
    },

    /** A child token: its policies must be a subset of the parent's unless the parent is root. */
    createToken(
      parent: VaultToken,
      request: {
        policies?: string[];
        displayName?: string;
        meta?: Record<string, string>;
        noDefaultPolicy?: boolean;
      },
    ): VaultToken {
      const requested = (request.policies ?? parent.policies).map((p) => p.toLowerCase());
      const policies = new Set(requested.filter((p) => p !== 'default'));
      if (!request.noDefaultPolicy) policies.add('default');
      const isRoot = parent.policies.includes('root');
      if (!isRoot && [...policies].some((p) => !parent.policies.includes(p))) {
        throw new VaultRequestError('child policies must be subset of parent');
      }
      const token: VaultToken = {
        id: newTokenId(),
        accessor: randomUUID(),
        policies: [...policies].sort(),
        displayName: request.displayName ? `token-${request.displayName}` : 'token',
        meta: request.meta ?? null,
        creationTime: Math.floor(Date.now() / 1000),
        path: 'auth/token/create',
      };
      tokens.set(token.id, token);
      return token;
    },

    snapshot(): VaultSnapshot {
      return {
        format: VAULT_SNAPSHOT_FORMAT,
        mount,
        kv: kv.snapshot(),
        policies: Object.fromEntries(policyTexts),
        tokens: [...tokens.values()]
          .filter((token) => token.id !== rootToken.id)
          .map((t) => ({ ...t })),
      };
    },
  };
}
