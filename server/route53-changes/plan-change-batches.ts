// Cuts a list of record-set changes into ChangeResourceRecordSets requests that Route 53 accepts
// for their size. Every change batch Zonekeeper sends (teardown, delegations, and whatever else
// changes records in bulk) is cut here, so the limits are counted in one place.
import type { Change } from '@aws-sdk/client-route-53';
import { DomainError } from '../errors/domain-error';
import {
  addCost,
  CHANGE_BATCH_LIMITS,
  changeCost,
  NO_COST,
  withinLimits,
  type ChangeCost,
} from './change-batch-cost';

/** One change bigger than a whole request: no batching can ever send it. */
export class ChangeTooLarge extends DomainError {
  constructor(
    readonly change: Change,
    readonly cost: ChangeCost,
  ) {
    const set = change.ResourceRecordSet;
    const what = `${change.Action ?? 'change'} of ${set?.Type ?? 'record'} ${set?.Name ?? '(unnamed)'}`;
    const upsert = change.Action === 'UPSERT' ? ' (an UPSERT counts twice)' : '';
    super(
      'invalid_input',
      `Route 53 can never accept the ${what}: it counts ${cost.records.toLocaleString('en-US')} records and ${cost.characters.toLocaleString('en-US')} characters of values${upsert}, and one request holds at most ${CHANGE_BATCH_LIMITS.records.toLocaleString('en-US')} records and ${CHANGE_BATCH_LIMITS.characters.toLocaleString('en-US')} characters. Split its values over several record sets or shorten them.`,
    );
    this.name = 'ChangeTooLarge';
  }
}

/** Throws ChangeTooLarge when the change alone exceeds a request's limits. */
export function assertFitsOneBatch(change: Change): ChangeCost {
  const cost = changeCost(change);
  if (!withinLimits(cost)) throw new ChangeTooLarge(change, cost);
  return cost;
}

/**
 * Consecutive batches, in order, each within both limits: a new batch starts only when the next
 * change does not fit, which gives the fewest batches any order-keeping cut can. Throws
 * ChangeTooLarge, before anything is sent, when one change exceeds the limits by itself.
 */
export function planChangeBatches(changes: readonly Change[]): Change[][];
export function planChangeBatches<T>(items: readonly T[], changeOf: (item: T) => Change): T[][];
export function planChangeBatches<T>(
  items: readonly T[],
  changeOf: (item: T) => Change = (item) => item as Change,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let used: ChangeCost = NO_COST;
  for (const item of items) {
    const cost = assertFitsOneBatch(changeOf(item));
    const next = addCost(used, cost);
    if (withinLimits(next)) {
      current.push(item);
      used = next;
      continue;
    }
    batches.push(current);
    current = [item];
    used = cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
