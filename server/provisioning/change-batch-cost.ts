// What a ChangeResourceRecordSets batch costs against Route 53's limits (docs/design.md, "Route 53
// limits and errors"): at most 1,000 records and 32,000 characters of values per request, an
// UPSERT counting twice toward both.
// Counted the way Route 53 counts, so a batch we send is never refused for its size.
import type { Change } from '@aws-sdk/client-route-53';

export interface ChangeCost {
  records: number;
  characters: number;
}

export const CHANGE_BATCH_LIMITS: ChangeCost = { records: 1_000, characters: 32_000 };

export function changeCost(change: Change): ChangeCost {
  const weight = change.Action === 'UPSERT' ? 2 : 1;
  const values = (change.ResourceRecordSet?.ResourceRecords ?? []).map((r) => r.Value ?? '');
  return {
    // An alias record set has no values but is still one record.
    records: Math.max(1, values.length) * weight,
    characters: values.reduce((sum, value) => sum + value.length, 0) * weight,
  };
}

/**
 * Splits items, in order, into consecutive batches each within the limits, starting a new batch
 * only when the next item does not fit. An item over the limits by itself goes alone (Route 53
 * refuses it, and only its caller sees that).
 */
export function splitIntoBatches<T>(
  items: T[],
  costOf: (item: T) => ChangeCost,
  limits: ChangeCost = CHANGE_BATCH_LIMITS,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let used: ChangeCost = { records: 0, characters: 0 };
  for (const item of items) {
    const cost = costOf(item);
    const fits =
      used.records + cost.records <= limits.records &&
      used.characters + cost.characters <= limits.characters;
    if (!fits && current.length > 0) {
      batches.push(current);
      current = [];
      used = { records: 0, characters: 0 };
    }
    current.push(item);
    used = { records: used.records + cost.records, characters: used.characters + cost.characters };
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
