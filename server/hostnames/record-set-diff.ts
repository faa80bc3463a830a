// What a record sync writes: the record sets Route 53 listed against the rows stored from the
// last sync, as the rows to add, change and remove. Unchanged rows are not written at all.

/** A record set as the store keeps it; the key is (name, type, set identifier), as in Route 53. */
export interface RecordSetState {
  name: string;
  type: string;
  setIdentifier: string;
  ttl: number | null;
  /** Record values in Route 53's order, or the alias target for an alias record. */
  values: string[];
  aliasTarget: string | null;
}

export interface StoredRecordSet extends RecordSetState {
  id: string;
}

export interface RecordSetDiff {
  added: RecordSetState[];
  changed: { id: string; next: RecordSetState }[];
  removedIds: string[];
}

export const recordSetKey = (r: Pick<RecordSetState, 'name' | 'type' | 'setIdentifier'>) =>
  `${r.name}\u0000${r.type}\u0000${r.setIdentifier}`;

function sameState(a: RecordSetState, b: RecordSetState): boolean {
  return (
    a.ttl === b.ttl &&
    a.aliasTarget === b.aliasTarget &&
    a.values.length === b.values.length &&
    a.values.every((value, i) => value === b.values[i])
  );
}

export function diffRecordSets(
  stored: readonly StoredRecordSet[],
  listed: readonly RecordSetState[],
): RecordSetDiff {
  const byKey = new Map(stored.map((row) => [recordSetKey(row), row]));
  const diff: RecordSetDiff = { added: [], changed: [], removedIds: [] };
  const seen = new Set<string>();
  for (const record of listed) {
    const key = recordSetKey(record);
    // Route 53 never lists a key twice; a repeat would be a paging bug, and the first one wins.
    if (seen.has(key)) continue;
    seen.add(key);
    const row = byKey.get(key);
    if (!row) diff.added.push(record);
    else if (!sameState(row, record)) diff.changed.push({ id: row.id, next: record });
  }
  for (const row of stored) if (!seen.has(recordSetKey(row))) diff.removedIds.push(row.id);
  return diff;
}
