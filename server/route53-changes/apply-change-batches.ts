// Applies many changes to one zone: cut into batches Route 53 accepts (planChangeBatches), sent one
// after the other in order, then waited on until every one is INSYNC. Waiting once at the end
// rather than after each batch saves a propagation wait (tens of seconds on AWS) per batch; the
// batches still reach Route 53 in order, so a later change never overtakes an earlier one.
import type { Change } from '@aws-sdk/client-route-53';
import { changeRecordSets, waitForChange } from '../cloud/route53';
import { planChangeBatches } from './plan-change-batches';

/** Returns how many batches were sent. A refused batch stops the rest (they stay unsent). */
export async function applyChangeBatches(
  zoneId: string,
  changes: readonly Change[],
  comment: string,
): Promise<number> {
  const batches = planChangeBatches(changes);
  const changeIds: string[] = [];
  for (const batch of batches) changeIds.push(await changeRecordSets(zoneId, batch, comment));
  for (const changeId of changeIds) await waitForChange(changeId);
  return batches.length;
}
