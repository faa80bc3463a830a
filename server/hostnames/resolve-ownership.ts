// Who owns each record of a zone, read from ExternalDNS's TXT registry as ExternalDNS v0.22 reads it.
import { parseRegistryValue } from './parse-registry-value';
import { AWS_PROVIDER_RECORD_TYPES } from './record-type-words';
import {
  DEFAULT_TXT_REGISTRY_CONFIG,
  explainTxtRegistryConfigProblem,
  recordForRegistryName,
  type TxtRegistryConfig,
} from './registry-record-name';
import { decodeRoute53Name } from './route53-record-name';

export const OWNERSHIP_STATUSES = ['owned', 'stale', 'orphan', 'conflict', 'unmanaged'] as const;
export type OwnershipStatus = (typeof OWNERSHIP_STATUSES)[number];

/** A record set as ListResourceRecordSets returns it (name possibly escaped, trailing dot). */
export interface ZoneRecord {
  name: string;
  type: string;
  setIdentifier?: string | null;
  values: readonly string[];
  /** True for an alias record (Route 53 AliasTarget), which has no values. */
  alias?: boolean;
}

export interface OwnerCluster {
  id: string;
  name: string;
  /** Its ExternalDNS --txt-owner-id. */
  uid: string;
  status: 'pending' | 'running' | 'stopped' | 'deleted';
  txtPrefix: string;
  txtSuffix: string;
  wildcardReplacement: string;
}

export interface OwnershipInput {
  zoneRecords: readonly ZoneRecord[];
  /** Every cluster of the zone's organization, deleted ones included. */
  clusters: readonly OwnerCluster[];
  /** Owner ids (cluster UIDs) of clusters that belong to other organizations. */
  otherOrgOwnerIds: ReadonlySet<string>;
}

export interface RecordOwnership {
  record: ZoneRecord;
  /** The decoded, lower-case name ExternalDNS compares. */
  name: string;
  /** True for a TXT record that is itself a registry record. */
  isRegistryRecord: boolean;
  status: OwnershipStatus;
  ownerId: string | null;
  cluster: { id: string; name: string } | null;
  resource: string | null;
  reason: string;
}

interface RegistryEntry {
  index: number;
  name: string;
  setIdentifier: string;
  owner: string | null;
  resource: string | null;
}

interface Claim {
  entry: RegistryEntry;
  via: 'new' | 'alias-cname' | 'old';
}

/**
 * Gives every record of the zone a status, in input order. A record is matched as ExternalDNS
 * matches it — (name, type, set identifier); for an A alias, then a `cname-` registry record; for
 * any type but AAAA, then an old-format registry record at its own name — under the registry
 * flags of each cluster of the org (and the defaults, for owners whose flags we do not know).
 * A match counts only under the flags of the cluster it names, so one cluster's prefix never
 * reads another's records. Registry records are themselves given their owner's status.
 */
export function resolveOwnership(input: OwnershipInput): RecordOwnership[] {
  const records = input.zoneRecords.map((record) => ({
    record,
    name: decodeRoute53Name(record.name),
    type: record.type.toUpperCase(),
    setIdentifier: record.setIdentifier ?? '',
  }));
  const entries: RegistryEntry[] = [];
  records.forEach((r, index) => {
    if (r.type !== 'TXT') return;
    const parsed = parseRegistryValue(r.record.values);
    if (parsed.kind !== 'registry') return;
    entries.push({
      index,
      name: r.name,
      setIdentifier: r.setIdentifier,
      owner: parsed.owner,
      resource: parsed.resource,
    });
  });
  const registryByIndex = new Map(entries.map((e) => [e.index, e]));
  const registryNames = new Set(entries.map((e) => e.name));
  const owners = ownerDirectory(input);
  const configs = registryConfigs(input.clusters);
  const maps = configs.map((config) => ({ config, map: registryMap(entries, config.value) }));

  return records.map((r, index) => {
    const base = { record: r.record, name: r.name };
    const entry = registryByIndex.get(index);
    if (entry !== undefined) {
      const verdict = owners.classify(entry.owner);
      return {
        ...base,
        isRegistryRecord: true,
        ...verdict,
        resource: entry.resource,
        reason: `ExternalDNS registry record. ${verdict.reason}`,
      };
    }
    const unowned = {
      ...base,
      isRegistryRecord: false,
      ownerId: null,
      cluster: null,
      resource: null,
    };
    if (!AWS_PROVIDER_RECORD_TYPES.has(r.type)) {
      return {
        ...unowned,
        status: 'unmanaged',
        reason: `ExternalDNS's AWS provider does not read ${r.type} records: created outside ExternalDNS.`,
      };
    }
    const claims = new Map<number, Claim>();
    let misfiled: RegistryEntry | undefined;
    for (const { config, map } of maps) {
      const hit = lookup(map, r, config.value);
      for (const claim of hit) {
        const ownerConfig = owners.configKeyOf(claim.entry.owner);
        if (ownerConfig !== null && ownerConfig !== config.key) {
          misfiled ??= claim.entry;
          continue;
        }
        if (!claims.has(claim.entry.index)) claims.set(claim.entry.index, claim);
      }
    }
    if (claims.size === 0) {
      const reason =
        misfiled === undefined
          ? unmanagedReason(r.name, registryNames)
          : `The registry record ${misfiled.name} names ${owners.describe(misfiled.owner)}, but that cluster's ExternalDNS writes its registry records with other --txt-prefix/--txt-suffix flags and does not read this one as its own.`;
      return { ...unowned, status: 'unmanaged', reason };
    }
    const byOwner = new Map<string, Claim>();
    for (const claim of claims.values()) byOwner.set(claim.entry.owner ?? '', claim);
    if (byOwner.size > 1) {
      const who = [...byOwner.values()].map((c) => owners.describe(c.entry.owner)).join('; ');
      return {
        ...unowned,
        status: 'conflict',
        reason: `${byOwner.size} registry records claim this name and type with different owners: ${who}.`,
      };
    }
    const claim = [...byOwner.values()][0]!;
    const verdict = owners.classify(claim.entry.owner);
    const via =
      claim.via === 'alias-cname'
        ? ' (read from the cname- registry record ExternalDNS wrote for aliases up to v0.21)'
        : claim.via === 'old'
          ? ' (read from an old-format registry record at the same name)'
          : '';
    return {
      ...base,
      isRegistryRecord: false,
      ...verdict,
      resource: claim.entry.resource,
      reason: `${verdict.reason}${via}`,
    };
  });
}

type RegistryMap = Map<string, RegistryEntry[]>;

function keyOf(name: string, type: string, setIdentifier: string): string {
  return JSON.stringify([name, type, setIdentifier]);
}

// ExternalDNS keeps one label set per key (the last one listed); we keep all, to see conflicts.
function registryMap(entries: readonly RegistryEntry[], config: TxtRegistryConfig): RegistryMap {
  const map: RegistryMap = new Map();
  for (const entry of entries) {
    const target = recordForRegistryName(entry.name, config);
    if (target === null) continue;
    const key = keyOf(target.name, target.type?.toUpperCase() ?? '', entry.setIdentifier);
    map.set(key, [...(map.get(key) ?? []), entry]);
  }
  return map;
}

function lookup(
  map: RegistryMap,
  r: { name: string; type: string; setIdentifier: string; record: ZoneRecord },
  config: TxtRegistryConfig,
): Claim[] {
  const labels = r.name.split('.');
  const replacement = config.wildcardReplacement.toLowerCase();
  if (replacement !== '' && labels[0] === '*') labels[0] = replacement;
  const name = labels.join('.');
  const exact = map.get(keyOf(name, r.type, r.setIdentifier));
  if (exact) return exact.map((entry) => ({ entry, via: 'new' as const }));
  if (r.type === 'A' && r.record.alias === true) {
    const legacy = map.get(keyOf(name, 'CNAME', r.setIdentifier));
    if (legacy) return legacy.map((entry) => ({ entry, via: 'alias-cname' as const }));
  }
  if (r.type !== 'AAAA') {
    const old = map.get(keyOf(name, '', r.setIdentifier));
    if (old) return old.map((entry) => ({ entry, via: 'old' as const }));
  }
  return [];
}

function registryConfigs(
  clusters: readonly OwnerCluster[],
): { key: string; value: TxtRegistryConfig }[] {
  const all = [DEFAULT_TXT_REGISTRY_CONFIG, ...clusters.map(configOf).filter((c) => c !== null)];
  const byKey = new Map(all.map((value) => [configKey(value), value]));
  return [...byKey].map(([key, value]) => ({ key, value }));
}

function configOf(cluster: OwnerCluster): TxtRegistryConfig | null {
  const config = {
    prefix: cluster.txtPrefix,
    suffix: cluster.txtSuffix,
    wildcardReplacement: cluster.wildcardReplacement,
  };
  return explainTxtRegistryConfigProblem(config) === null ? config : null;
}

function configKey(config: TxtRegistryConfig): string {
  return JSON.stringify([
    config.prefix.toLowerCase(),
    config.suffix.toLowerCase(),
    config.wildcardReplacement.toLowerCase(),
  ]);
}

type Verdict = Pick<RecordOwnership, 'status' | 'ownerId' | 'cluster' | 'reason'>;

function ownerDirectory(input: OwnershipInput) {
  const byUid = new Map(input.clusters.map((c) => [c.uid, c]));
  return {
    /** The flags key of the cluster an owner id names; null when unknown (any flags may apply). */
    configKeyOf(owner: string | null): string | null {
      const cluster = owner === null ? undefined : byUid.get(owner);
      const config = cluster ? configOf(cluster) : null;
      return config === null ? null : configKey(config);
    },
    describe(owner: string | null): string {
      if (owner === null || owner === '') return 'a registry record naming no owner';
      const cluster = byUid.get(owner);
      if (cluster) return `owner ${owner} (cluster ${cluster.name}, ${cluster.status})`;
      if (input.otherOrgOwnerIds.has(owner))
        return `owner ${owner} (a cluster of another organization)`;
      return `owner ${owner} (no cluster of this organization)`;
    },
    classify(owner: string | null): Verdict {
      const none = { ownerId: owner, cluster: null };
      if (owner === null || owner === '') {
        return { ...none, status: 'orphan', reason: 'Its registry record names no owner.' };
      }
      const cluster = byUid.get(owner);
      if (cluster) {
        const named = { ownerId: owner, cluster: { id: cluster.id, name: cluster.name } };
        switch (cluster.status) {
          case 'running':
          case 'pending':
            return {
              ...named,
              status: 'owned',
              reason: `Owned by cluster ${cluster.name} (${cluster.status}).`,
            };
          case 'stopped':
            return {
              ...named,
              status: 'stale',
              reason: `Owned by cluster ${cluster.name}, which is stopped: nothing keeps this record up to date.`,
            };
          case 'deleted':
            return {
              ...named,
              status: 'orphan',
              reason: `Its owner, cluster ${cluster.name}, was deleted: the record is left over.`,
            };
        }
      }
      if (input.otherOrgOwnerIds.has(owner)) {
        return {
          ...none,
          status: 'conflict',
          reason: `Its owner id ${owner} is a cluster of another organization.`,
        };
      }
      return {
        ...none,
        status: 'orphan',
        reason: `Its owner id ${owner} matches no cluster of this organization.`,
      };
    },
  };
}

function unmanagedReason(name: string, registryNames: ReadonlySet<string>): string {
  const base = 'No ExternalDNS registry record claims it: created outside ExternalDNS.';
  if (!registryNames.has(name)) return base;
  const reading = recordForRegistryName(name, DEFAULT_TXT_REGISTRY_CONFIG);
  if (reading?.type == null) return base;
  return `${base} A registry record sits at this name, but ExternalDNS reads a name starting with "${reading.type}-" as the ${reading.type.toUpperCase()} record ${reading.name}, so it does not count for this one.`;
}
