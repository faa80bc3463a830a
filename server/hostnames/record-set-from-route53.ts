// A Route 53 record set as the record sync stores it.
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { RecordSetState } from './record-set-diff';

/** Names stay as Route 53 spells them (trailing dot, `\052` for a leading `*`). */
export function recordSetFromRoute53(record: ResourceRecordSet): RecordSetState {
  return {
    name: record.Name ?? '',
    type: record.Type ?? '',
    setIdentifier: record.SetIdentifier ?? '',
    ttl: record.TTL ?? null,
    values: (record.ResourceRecords ?? []).map((value) => value.Value ?? ''),
    aliasTarget: record.AliasTarget?.DNSName ?? null,
  };
}
