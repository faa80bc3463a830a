// A change batch is all-or-nothing: Route 53 refuses all of it for one bad change. When changes of
// independent owners (one organization each) share a batch, one owner's bad change must not fail
// the others. So a refused batch is halved and each half applied again, recursively: the changes
// at fault end up alone and fail with Route 53's reason for them, and every other change is
// applied. One bad change among N costs at most 2 x ceil(log2 N) calls after the refused one.
import { isCloudError } from '../cloud/cloud-error';

export type ChangeOutcome = { applied: true } | { applied: false; error: unknown };

const APPLIED: ChangeOutcome = { applied: true };

/**
 * Route 53's answers about the content of a batch (a change that conflicts, is outside the zone,
 * or is malformed); anything else (access denied, throttled after every retry, a change that never
 * reached INSYNC, a lost lease) is about the request as a whole and fails every change alike.
 */
export function isBatchRefusal(error: unknown): boolean {
  return isCloudError(error, 'InvalidChangeBatch') || isCloudError(error, 'InvalidInput');
}

/**
 * Applies the items as one batch through `apply` (which sends them and waits as it sees fit) and
 * returns one outcome per item, in order. Halves are applied concurrently: `apply` decides how
 * requests to one zone are lined up.
 */
export async function applyIsolatingRefusals<T>(
  items: readonly T[],
  apply: (batch: readonly T[]) => Promise<void>,
  isRefusal: (error: unknown) => boolean = isBatchRefusal,
): Promise<ChangeOutcome[]> {
  if (items.length === 0) return [];
  try {
    await apply(items);
    return items.map(() => APPLIED);
  } catch (error) {
    if (items.length === 1 || !isRefusal(error))
      return items.map(() => ({ applied: false, error }));
    const half = Math.ceil(items.length / 2);
    const [first, second] = await Promise.all([
      applyIsolatingRefusals(items.slice(0, half), apply, isRefusal),
      applyIsolatingRefusals(items.slice(half), apply, isRefusal),
    ]);
    return [...first, ...second];
  }
}
