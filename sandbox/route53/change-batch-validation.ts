// Validates a change batch as a whole against a zone and plans its writes; nothing is applied here,
// so a batch with any problem leaves the zone untouched (Route 53 batches are all-or-nothing).
import { isWithinZone, normalizeDnsName, reversedLabelKey } from './dns-names';
import {
  describeRecordSet,
  RECORD_TYPES,
  recordSetKey,
  sameRecordData,
  type ResourceRecordSet,
} from './record-set';
import { route53Errors } from './route53-errors';
import type { ParsedChange } from './route53-request-parsing';
import type { RecordWrite, HostedZone } from './zone-store';
import { recordValueProblem } from './record-value-validation';

export const MAX_RECORDS_PER_BATCH = 1_000;
export const MAX_VALUE_CHARACTERS_PER_BATCH = 32_000;
const ACTIONS = new Set(['CREATE', 'DELETE', 'UPSERT']);

export function planChangeBatch(zone: HostedZone, changes: ParsedChange[]): RecordWrite[] {
  const problems: string[] = [];
  enforceBatchLimits(changes, problems);
  if (problems.length) throw route53Errors.invalidChangeBatch(problems);

  // The batch's view of the zone: record sets it has already touched, on top of the stored ones.
  const overlay = new Map<string, ResourceRecordSet | undefined>();
  const current = (key: string) =>
    overlay.has(key) ? overlay.get(key) : zone.recordsByKey.get(key)?.set;
  const seen = new Set<string>();

  for (const change of changes) {
    const set = normalizeChange(change);
    const key = recordSetKey(set.name, set.type, set.setIdentifier);
    const label = describeRecordSet(set);
    if (seen.has(key)) {
      problems.push(
        `The request contains an invalid set of changes for a resource record set '${set.type} ${set.name}'`,
      );
      continue;
    }
    seen.add(key);
    const ruleProblem = placementProblem(zone, set, change.action);
    if (ruleProblem) {
      problems.push(ruleProblem);
      continue;
    }
    const existing = current(key);
    if (change.action === 'CREATE' && existing) {
      problems.push(`Tried to create resource record set ${label} but it already exists`);
    } else if (change.action === 'DELETE' && !existing) {
      problems.push(`Tried to delete resource record set ${label} but it was not found`);
    } else if (change.action === 'DELETE' && existing && !sameRecordData(existing, set)) {
      problems.push(
        `Tried to delete resource record set ${label} but the values provided do not match the current values`,
      );
    } else {
      overlay.set(key, change.action === 'DELETE' ? undefined : set);
    }
  }
  problems.push(...cnameConflicts(zone, overlay));
  if (problems.length) throw route53Errors.invalidChangeBatch(problems);
  return [...overlay].map(([key, next]) => ({ key, next }));
}

/** UPSERT counts twice towards both limits, as the Route 53 quotas page states. */
function enforceBatchLimits(changes: ParsedChange[], problems: string[]): void {
  let records = 0;
  let characters = 0;
  for (const change of changes) {
    const weight = change.action === 'UPSERT' ? 2 : 1;
    records += Math.max(1, change.set.values.length) * weight;
    characters += change.set.values.reduce((sum, v) => sum + v.length, 0) * weight;
  }
  if (records > MAX_RECORDS_PER_BATCH) {
    problems.push(`Number of records limit of ${MAX_RECORDS_PER_BATCH} exceeded.`);
  }
  if (characters > MAX_VALUE_CHARACTERS_PER_BATCH) {
    problems.push(`Number of characters limit of ${MAX_VALUE_CHARACTERS_PER_BATCH} exceeded.`);
  }
}

/** Shape errors are InvalidInput (the request is malformed); content errors are batch messages. */
function normalizeChange(change: ParsedChange): ResourceRecordSet {
  const { set } = change;
  if (!ACTIONS.has(change.action)) {
    throw route53Errors.invalidInput(
      `Invalid request: Action must be one of CREATE, DELETE, UPSERT.`,
    );
  }
  if (!RECORD_TYPES.has(set.type)) {
    throw route53Errors.invalidInput(`Invalid request: unsupported record type ${set.type}.`);
  }
  const hasData = set.ttl !== undefined && set.values.length > 0;
  if (hasData === Boolean(set.aliasTarget) || (set.aliasTarget && set.ttl !== undefined)) {
    throw route53Errors.invalidInput(
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]], in Change with [Action=${change.action}, Name=${change.rawName}, Type=${set.type}]`,
    );
  }
  if (set.ttl !== undefined && (set.ttl < 0 || set.ttl > 2_147_483_647)) {
    throw route53Errors.invalidInput('Invalid request: TTL must be between 0 and 2147483647.');
  }
  const name = normalizeDnsName(set.name);
  if (!name)
    throw route53Errors.invalidInput(`Invalid request: ${change.rawName} is not a valid DNS name.`);
  if (!set.aliasTarget) return { ...set, name };
  const dnsName = normalizeDnsName(set.aliasTarget.dnsName) ?? set.aliasTarget.dnsName;
  return { ...set, name, aliasTarget: { ...set.aliasTarget, dnsName } };
}

function placementProblem(
  zone: HostedZone,
  set: ResourceRecordSet,
  action: string,
): string | undefined {
  if (!isWithinZone(set.name, zone.name)) {
    return `RRSet with DNS name ${set.name} is not permitted in zone ${zone.name}`;
  }
  const atApex = set.name === zone.name;
  if (set.type === 'SOA' && !atApex)
    return `RRSet of type SOA with DNS name ${set.name} is not permitted`;
  if (atApex && action === 'DELETE' && set.type === 'SOA') {
    return 'A HostedZone must contain exactly one SOA record.';
  }
  if (atApex && action === 'DELETE' && set.type === 'NS') {
    return 'A HostedZone must contain at least one NS record for the zone itself.';
  }
  if (atApex && set.type === 'CNAME') {
    return `RRSet of type CNAME with DNS name ${set.name} is not permitted at apex in zone ${zone.name}`;
  }
  if (set.type === 'CNAME' && set.values.length > 1) {
    return `RRSet of type CNAME with DNS name ${set.name} can only contain one value`;
  }
  return recordValueProblem(set);
}

/** A CNAME cannot share its name with any other record type. */
function cnameConflicts(
  zone: HostedZone,
  overlay: Map<string, ResourceRecordSet | undefined>,
): string[] {
  const problems: string[] = [];
  for (const [, set] of overlay) {
    if (!set) continue;
    const typesAtName = typesAt(zone, overlay, set.name);
    if (typesAtName.has('CNAME') && typesAtName.size > 1) {
      problems.push(
        `RRSet of type CNAME with DNS name ${set.name} is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}`,
      );
      break;
    }
  }
  return problems;
}

function typesAt(
  zone: HostedZone,
  overlay: Map<string, ResourceRecordSet | undefined>,
  name: string,
) {
  const types = new Set<string>();
  const start = zone.records.lowerBound({ sortKey: reversedLabelKey(name), type: '' });
  for (let i = start; i < zone.records.records.length; i++) {
    const stored = zone.records.records[i]!;
    if (stored.set.name !== name) break;
    const key = recordSetKey(stored.set.name, stored.set.type, stored.set.setIdentifier);
    if (!overlay.has(key)) types.add(stored.set.type);
  }
  for (const [, set] of overlay) if (set && set.name === name) types.add(set.type);
  return types;
}
