// One sync's plan, as ExternalDNS's plan.Calculate with the TXT registry decides it: what the
// sources want against what the zones hold, ownership read from the registry records. Records of
// another owner, and records no registry record claims, are never changed; a hostname they hold
// is skipped and reported. Pure: the caller lists the zones and sends the changes.
import type { Change, RRType } from '@aws-sdk/client-route-53';
import { matchesDomainFilter, type ExternalDnsSettings } from './externaldns-args';
import type { SourceEndpoint } from './source-endpoints';
import { readRegistryValue, registryRecordName, registryRecordValue } from './txt-registry';

export interface ZoneRecord {
  /** Lower-case, no trailing dot, `\052` decoded to `*`. */
  name: string;
  type: string;
  ttl?: number;
  values: string[];
  setIdentifier?: string;
  alias?: boolean;
}

export interface ManagedZone {
  id: string;
  /** No trailing dot. */
  name: string;
  records: ZoneRecord[];
}

/** A record's change and its registry record's, sent in one batch so they land together. */
export interface ChangeGroup {
  zoneId: string;
  summary: string;
  changes: Change[];
}

export interface SyncPlan {
  groups: ChangeGroup[];
  /** Hostnames the sources want that this owner may not or cannot publish, with the reason. */
  skipped: string[];
}

/** The AWS provider's TTL for an endpoint that sets none. */
export const DEFAULT_TTL = 300;
const MANAGED_TYPES = new Set(['A', 'AAAA', 'CNAME']);

const recordSet = (record: ZoneRecord) => ({
  Name: `${record.name}.`,
  Type: record.type as RRType,
  TTL: record.ttl,
  ResourceRecords: record.values.map((Value) => ({ Value })),
});

const sameValues = (left: readonly string[], right: readonly string[]) =>
  left.length === right.length &&
  [...left].sort().every((value, i) => value === [...right].sort()[i]);

/** Route 53 compares names without a trailing dot and CNAME targets without one either. */
const bare = (value: string) => value.toLowerCase().replace(/\.$/, '');

export function planChanges(
  settings: ExternalDnsSettings,
  zones: readonly ManagedZone[],
  desired: readonly SourceEndpoint[],
): SyncPlan {
  const groups: ChangeGroup[] = [];
  const skipped: string[] = [];
  const zoneOf = (name: string) =>
    zones
      .filter((zone) => name === zone.name || name.endsWith(`.${zone.name}`))
      .sort((a, b) => b.name.length - a.name.length)[0];

  const readable = (zone: ManagedZone) => zone.records.filter((r) => !r.setIdentifier && !r.alias);
  const registryAt = (zone: ManagedZone, name: string) => {
    const txt = readable(zone).find((r) => r.type === 'TXT' && r.name === name);
    const first = txt?.values[0];
    return txt && first !== undefined
      ? { record: txt, labels: readRegistryValue(first) }
      : undefined;
  };
  const registryName = (name: string, type: string) => registryRecordName(name, type, settings);
  /** The owner of a record: its new-format registry record, else an old-format one at its name. */
  const ownerOf = (zone: ManagedZone, record: ZoneRecord) => {
    const claim = registryAt(zone, registryName(record.name, record.type))?.labels;
    if (claim) return claim.owner ?? '';
    if (record.type === 'AAAA') return undefined;
    const old = registryAt(zone, record.name)?.labels;
    return old ? (old.owner ?? '') : undefined;
  };
  const describeOwner = (owner: string | undefined) =>
    owner === undefined
      ? 'an unowned record (no registry record claims it)'
      : owner === ''
        ? 'a record whose registry record names no owner'
        : `a record owned by "${owner}"`;

  const registryChange = (
    action: 'CREATE' | 'UPSERT',
    record: ZoneRecord,
    value: string,
  ): Change => ({
    Action: action,
    ResourceRecordSet: recordSet({
      name: registryName(record.name, record.type),
      type: 'TXT',
      ttl: DEFAULT_TTL,
      values: [value],
    }),
  });
  /** The record's deletion and its new-format registry record's, when that says it is ours. */
  const deletion = (zone: ManagedZone, record: ZoneRecord): Change[] => {
    const registry = registryAt(zone, registryName(record.name, record.type));
    return [
      { Action: 'DELETE', ResourceRecordSet: recordSet(record) },
      ...(registry?.labels?.owner === settings.ownerId
        ? [{ Action: 'DELETE' as const, ResourceRecordSet: recordSet(registry.record) }]
        : []),
    ];
  };

  const wanted = new Set<string>();
  for (const endpoint of desired) {
    const { dnsName, recordType } = endpoint;
    if (!matchesDomainFilter(dnsName, settings.domainFilters)) {
      skipped.push(
        `${dnsName} (${endpoint.resource}): outside --domain-filter ${settings.domainFilters.join(',')}`,
      );
      continue;
    }
    const zone = zoneOf(dnsName);
    if (!zone) {
      skipped.push(
        `${dnsName} (${endpoint.resource}): no hosted zone of --zone-id-filter ${settings.zoneIdFilters.join(',') || '(none)'} holds it`,
      );
      continue;
    }
    const txtName = registryName(dnsName, recordType);
    if (txtName.split('.').some((label) => label.length > 63)) {
      skipped.push(
        `${dnsName} (${endpoint.resource}): its registry record ${txtName} would have a label over 63 characters`,
      );
      continue;
    }
    wanted.add(`${dnsName} ${recordType}`);
    const record: ZoneRecord = {
      name: dnsName,
      type: recordType,
      ttl: endpoint.ttl ?? DEFAULT_TTL,
      values: endpoint.targets,
    };
    const value = registryRecordValue({ owner: settings.ownerId, resource: endpoint.resource });
    const atName = readable(zone).filter((r) => r.name === dnsName && MANAGED_TYPES.has(r.type));
    const same = atName.find((r) => r.type === recordType);
    const clashing = atName.filter(
      (r) => r.type !== recordType && (r.type === 'CNAME' || recordType === 'CNAME'),
    );
    const foreign = [...(same ? [same] : []), ...clashing].find(
      (r) => ownerOf(zone, r) !== settings.ownerId,
    );
    if (foreign) {
      skipped.push(
        `${dnsName} (${endpoint.resource}): taken by ${describeOwner(ownerOf(zone, foreign))} (${foreign.type}); left alone`,
      );
      continue;
    }
    const registry = registryAt(zone, txtName);
    if (!same && registry?.labels && registry.labels.owner !== settings.ownerId) {
      skipped.push(
        `${dnsName} (${endpoint.resource}): its registry record ${txtName} is ${describeOwner(registry.labels.owner ?? '').replace(/^a record /, '')}; left alone`,
      );
      continue;
    }
    if (!same) {
      if (clashing.length > 0 && settings.policy === 'create-only') continue;
      groups.push({
        zoneId: zone.id,
        summary: `CREATE ${dnsName} ${recordType} ${endpoint.targets.join(',')}`,
        changes: [
          ...clashing.flatMap((r) => deletion(zone, r)),
          { Action: 'CREATE', ResourceRecordSet: recordSet(record) },
          registryChange(registry ? 'UPSERT' : 'CREATE', record, value),
        ],
      });
      continue;
    }
    if (settings.policy === 'create-only') continue;
    const targetsChanged = !sameValues(same.values.map(bare), record.values.map(bare));
    const ttlChanged = same.ttl !== record.ttl;
    const registryStale = registry?.record.values[0] !== value;
    if (!targetsChanged && !ttlChanged && !registryStale) continue;
    groups.push({
      zoneId: zone.id,
      summary: `UPDATE ${dnsName} ${recordType} ${same.values.join(',')} -> ${endpoint.targets.join(',')}`,
      changes: [
        ...(targetsChanged || ttlChanged
          ? [{ Action: 'UPSERT' as const, ResourceRecordSet: recordSet(record) }]
          : []),
        // ExternalDNS rewrites the registry record with every update of its record.
        ...(targetsChanged || ttlChanged || registryStale
          ? [registryChange('UPSERT', record, value)]
          : []),
      ],
    });
  }

  if (settings.policy === 'sync') {
    for (const zone of zones) {
      for (const record of readable(zone)) {
        if (!MANAGED_TYPES.has(record.type) || wanted.has(`${record.name} ${record.type}`))
          continue;
        if (!matchesDomainFilter(record.name, settings.domainFilters)) continue;
        if (ownerOf(zone, record) !== settings.ownerId) continue;
        // A record a type change above already deletes is not deleted twice.
        const replaced = groups.some((group) =>
          group.changes.some(
            (change) =>
              change.Action === 'DELETE' &&
              change.ResourceRecordSet?.Name === `${record.name}.` &&
              change.ResourceRecordSet.Type === record.type,
          ),
        );
        if (replaced) continue;
        groups.push({
          zoneId: zone.id,
          summary: `DELETE ${record.name} ${record.type} ${record.values.join(',')}`,
          changes: deletion(zone, record),
        });
      }
    }
  }
  return { groups, skipped };
}
