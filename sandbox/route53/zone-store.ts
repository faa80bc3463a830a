// In-memory Route 53 state: hosted zones with their sorted records, caller references, changes, tags.
import { recordSetKey, type ResourceRecordSet } from './record-set';
import { SortedRecordList, positionOf, type StoredRecord } from './record-ordering';
import { newChangeId, newDelegationSet, newHostedZoneId } from './resource-ids';
import { route53Errors } from './route53-errors';
import { resourceRecordSetXml, type ChangeInfoView } from './route53-xml';

export interface HostedZone {
  id: string;
  name: string;
  callerReference: string;
  comment?: string;
  nameServers: string[];
  records: SortedRecordList;
  recordsByKey: Map<string, StoredRecord>;
  tags: Map<string, string>;
}

interface ChangeRecord {
  id: string;
  submittedAt: number;
  insyncAt: number;
  comment?: string;
}

export interface ZoneStoreOptions {
  now: () => number;
  /** How long a change reports PENDING before INSYNC. */
  pendingMs: number;
  maxHostedZones: number;
  /** Called after every successful mutation (persistence hooks in here). */
  onMutation?: () => void;
}

/** A planned write to one record set: the new contents, or undefined to delete it. */
export interface RecordWrite {
  key: string;
  next: ResourceRecordSet | undefined;
}

export const NS_TTL = 172_800;
export const SOA_TTL = 900;

export class ZoneStore {
  readonly zones = new Map<string, HostedZone>();
  /** Caller references are unique for the life of the account, even after the zone is deleted. */
  readonly callerReferences = new Map<string, string>();
  readonly changes = new Map<string, ChangeRecord>();

  constructor(readonly options: ZoneStoreOptions) {}

  getZone(rawId: string, id: string | undefined): HostedZone {
    const zone = id === undefined ? undefined : this.zones.get(id);
    if (!zone) throw route53Errors.noSuchHostedZone(rawId);
    return zone;
  }

  createZone(name: string, callerReference: string, comment?: string) {
    if (this.callerReferences.has(callerReference)) {
      throw route53Errors.hostedZoneAlreadyExists();
    }
    if (this.zones.size >= this.options.maxHostedZones) {
      throw route53Errors.tooManyHostedZones(this.options.maxHostedZones);
    }
    const zone: HostedZone = {
      id: newHostedZoneId(),
      name,
      callerReference,
      comment,
      nameServers: newDelegationSet(),
      records: new SortedRecordList(),
      recordsByKey: new Map(),
      tags: new Map(),
    };
    const [primary] = zone.nameServers;
    this.putRecord(zone, {
      name,
      type: 'SOA',
      ttl: SOA_TTL,
      values: [`${primary}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
    });
    this.putRecord(zone, {
      name,
      type: 'NS',
      ttl: NS_TTL,
      values: zone.nameServers.map((ns) => `${ns}.`),
    });
    this.zones.set(zone.id, zone);
    this.callerReferences.set(callerReference, zone.id);
    return { zone, change: this.recordChange(comment) };
  }

  deleteZone(zone: HostedZone): ChangeInfoView {
    this.zones.delete(zone.id);
    return this.recordChange();
  }

  /** Applies writes that change-batch validation has already accepted as a whole. */
  applyWrites(zone: HostedZone, writes: RecordWrite[], comment?: string): ChangeInfoView {
    for (const write of writes) {
      const existing = zone.recordsByKey.get(write.key);
      if (existing) {
        zone.records.remove(existing);
        zone.recordsByKey.delete(write.key);
      }
      if (write.next) this.putRecord(zone, write.next);
    }
    return this.recordChange(comment);
  }

  changeTags(zone: HostedZone, add: Map<string, string>, removeKeys: string[]): void {
    for (const key of removeKeys) zone.tags.delete(key);
    for (const [key, value] of add) zone.tags.set(key, value);
    this.options.onMutation?.();
  }

  getChange(id: string): ChangeInfoView | undefined {
    const change = this.changes.get(id);
    return change && this.changeView(change);
  }

  putRecord(zone: HostedZone, set: ResourceRecordSet): void {
    const stored: StoredRecord = {
      set,
      sortKey: positionOf(set.name, set.type, set.setIdentifier).sortKey,
      xml: resourceRecordSetXml(set),
    };
    zone.records.insert(stored);
    zone.recordsByKey.set(recordSetKey(set.name, set.type, set.setIdentifier), stored);
  }

  private recordChange(comment?: string): ChangeInfoView {
    const now = this.options.now();
    const change = {
      id: newChangeId(),
      submittedAt: now,
      insyncAt: now + this.options.pendingMs,
      comment,
    };
    this.changes.set(change.id, change);
    this.options.onMutation?.();
    return this.changeView(change);
  }

  private changeView(change: ChangeRecord): ChangeInfoView {
    const status = this.options.now() >= change.insyncAt ? 'INSYNC' : 'PENDING';
    return { id: change.id, status, submittedAt: change.submittedAt, comment: change.comment };
  }
}
