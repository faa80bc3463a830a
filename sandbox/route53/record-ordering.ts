// Records kept sorted in AWS's listing order (reversed-label name, then type, then set identifier),
// with binary search so listing from a start point and inserting stay cheap in zones of 10,000+ records.
import { reversedLabelKey } from './dns-names';
import type { ResourceRecordSet } from './record-set';

export interface StoredRecord {
  set: ResourceRecordSet;
  sortKey: string;
  /** Serialised once on write: listings are far more frequent than changes. */
  xml: string;
}

export interface RecordPosition {
  sortKey: string;
  type: string;
  setIdentifier?: string;
}

export function comparePositions(a: RecordPosition, b: RecordPosition): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  const [x, y] = [a.setIdentifier ?? '', b.setIdentifier ?? ''];
  if (x !== y) return x < y ? -1 : 1;
  return 0;
}

export function positionOf(name: string, type: string, setIdentifier?: string): RecordPosition {
  return { sortKey: reversedLabelKey(name), type, setIdentifier };
}

/** comparePositions for a stored record, without allocating: binary searches run per request. */
function compareStored(record: StoredRecord, position: RecordPosition): number {
  if (record.sortKey !== position.sortKey) return record.sortKey < position.sortKey ? -1 : 1;
  if (record.set.type !== position.type) return record.set.type < position.type ? -1 : 1;
  const x = record.set.setIdentifier ?? '';
  const y = position.setIdentifier ?? '';
  if (x !== y) return x < y ? -1 : 1;
  return 0;
}

function positionOfStored(record: StoredRecord): RecordPosition {
  return {
    sortKey: record.sortKey,
    type: record.set.type,
    setIdentifier: record.set.setIdentifier,
  };
}

export class SortedRecordList {
  readonly records: StoredRecord[] = [];

  /** Index of the first record at or after `position`. */
  lowerBound(position: RecordPosition): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareStored(this.records[mid]!, position) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  insert(record: StoredRecord): void {
    this.records.splice(this.lowerBound(positionOfStored(record)), 0, record);
  }

  remove(record: StoredRecord): void {
    const index = this.lowerBound(positionOfStored(record));
    if (this.records[index] === record) this.records.splice(index, 1);
  }
}
