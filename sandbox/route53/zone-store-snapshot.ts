// Route 53 state as plain JSON, so the sandbox can persist it and reload it on restart.
import type { ResourceRecordSet } from './record-set';
import { SortedRecordList } from './record-ordering';
import type { ZoneStore } from './zone-store';

export const ROUTE53_SNAPSHOT_FORMAT = 1;

export interface Route53Snapshot {
  format: typeof ROUTE53_SNAPSHOT_FORMAT;
  zones: Array<{
    id: string;
    name: string;
    callerReference: string;
    comment?: string;
    nameServers: string[];
    records: ResourceRecordSet[];
    tags: [string, string][];
  }>;
  callerReferences: [string, string][];
  changes: Array<{ id: string; submittedAt: number; insyncAt: number; comment?: string }>;
}

export function snapshotZoneStore(store: ZoneStore): Route53Snapshot {
  return {
    format: ROUTE53_SNAPSHOT_FORMAT,
    zones: [...store.zones.values()].map((zone) => ({
      id: zone.id,
      name: zone.name,
      callerReference: zone.callerReference,
      comment: zone.comment,
      nameServers: zone.nameServers,
      records: zone.records.records.map((record) => record.set),
      tags: [...zone.tags],
    })),
    callerReferences: [...store.callerReferences],
    changes: [...store.changes.values()],
  };
}

export function restoreZoneStore(store: ZoneStore, snapshot: Route53Snapshot): void {
  if (snapshot.format !== ROUTE53_SNAPSHOT_FORMAT) {
    throw new Error(`Unknown Route 53 snapshot format ${String(snapshot.format)}`);
  }
  for (const saved of snapshot.zones) {
    const zone = {
      ...saved,
      records: new SortedRecordList(),
      recordsByKey: new Map(),
      tags: new Map(saved.tags),
    };
    for (const set of saved.records) store.putRecord(zone, set);
    store.zones.set(zone.id, zone);
  }
  for (const [reference, zoneId] of snapshot.callerReferences) {
    store.callerReferences.set(reference, zoneId);
  }
  for (const change of snapshot.changes) store.changes.set(change.id, change);
}
