// Cuts groups of changes that must land together (a record and its TXT registry records: deleting
// one without the other leaves a half-owned name) into batches, never splitting a group. A group
// is costed as the sum of its changes, through planChangeBatches, so the limits stay counted in
// one place.
import type { Change, ResourceRecord } from '@aws-sdk/client-route-53';
import { planChangeBatches } from './plan-change-batches';

/**
 * Consecutive batches of whole groups, in order, each within Route 53's limits. Throws
 * ChangeTooLarge when one group alone exceeds them.
 */
export function planGroupedChangeBatches(groups: readonly Change[][]): Change[][] {
  return planChangeBatches(groups, groupAsOneChange).map((batch) => batch.flat());
}

// One change that costs what the group costs: every value of every change, an alias (no value)
// as one empty value so that it counts one record as changeCost counts it, UPSERT twice.
function groupAsOneChange(group: readonly Change[]): Change {
  const records: ResourceRecord[] = group.flatMap((change) => {
    const values = change.ResourceRecordSet?.ResourceRecords ?? [];
    const once = values.length > 0 ? values : [{ Value: '' }];
    return change.Action === 'UPSERT' ? [...once, ...once] : once;
  });
  const first = group[0]?.ResourceRecordSet;
  return {
    Action: 'DELETE',
    ResourceRecordSet: { Name: first?.Name, Type: first?.Type, ResourceRecords: records },
  };
}
