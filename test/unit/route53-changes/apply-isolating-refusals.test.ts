// Halving a refused batch until the changes at fault are alone: every other change is applied
// exactly once, the ones at fault fail with the refusal of their own, and one bad change among N
// costs at most 1 + 2 x ceil(log2 N) calls. `apply` here stands in for Route 53: it refuses, all or
// nothing, any batch holding a bad item and names the first bad item it holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CloudError } from '@/server/cloud/cloud-error';
import {
  applyIsolatingRefusals,
  isBatchRefusal,
} from '@/server/route53-changes/apply-isolating-refusals';

function allOrNothing(bad: ReadonlySet<number>) {
  const calls: number[][] = [];
  const applied: number[] = [];
  const apply = async (batch: readonly number[]) => {
    calls.push([...batch]);
    const culprit = batch.find((item) => bad.has(item));
    if (culprit !== undefined) {
      throw new CloudError('route53', {
        vendorCode: 'InvalidChangeBatch',
        message: `[change ${culprit} conflicts]`,
        errorClass: 'invalid',
        status: 400,
      });
    }
    applied.push(...batch);
  };
  return { apply, calls, applied };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const messageOf = (error: unknown) => (error as Error).message;

describe('applyIsolatingRefusals', () => {
  it('sends a batch nobody objects to once', async () => {
    const route53 = allOrNothing(new Set());
    const outcomes = await applyIsolatingRefusals(range(40), route53.apply);
    expect(outcomes.every((o) => o.applied)).toBe(true);
    expect(route53.calls).toEqual([range(40)]);
  });

  it('sends nothing for no items', async () => {
    const route53 = allOrNothing(new Set());
    expect(await applyIsolatingRefusals([], route53.apply)).toEqual([]);
    expect(route53.calls).toEqual([]);
  });

  it.each([1, 2, 3, 7, 30, 125, 1_000])(
    'finds one bad change among %i, wherever it is, in at most 1 + 2 x ceil(log2 N) calls',
    async (n) => {
      const bound = 1 + 2 * Math.ceil(Math.log2(n));
      for (const at of new Set([0, Math.floor(n / 2), n - 1])) {
        const route53 = allOrNothing(new Set([at]));
        const outcomes = await applyIsolatingRefusals(range(n), route53.apply);
        expect(route53.calls.length).toBeLessThanOrEqual(bound);
        expect(route53.applied.sort((a, b) => a - b)).toEqual(range(n).filter((i) => i !== at));
        outcomes.forEach((outcome, i) => expect(outcome.applied).toBe(i !== at));
        const failed = outcomes[at]!;
        expect(failed.applied ? '' : messageOf(failed.error)).toContain(`change ${at} conflicts`);
      }
    },
  );

  it('does not halve a batch refused as a whole (access denied): every change fails alike', async () => {
    const denied = new CloudError('route53', {
      vendorCode: 'AccessDenied',
      message: 'not authorized',
      errorClass: 'denied',
      status: 403,
    });
    let calls = 0;
    const outcomes = await applyIsolatingRefusals(range(8), async () => {
      calls += 1;
      throw denied;
    });
    expect(calls).toBe(1);
    expect(outcomes).toEqual(range(8).map(() => ({ applied: false, error: denied })));
  });

  it.each([
    ['InvalidChangeBatch', true],
    ['InvalidInput', true],
    ['AccessDenied', false],
    ['Throttling', false],
    ['ChangeNotInSync', false],
  ])('treats %s as a refusal of the batch content: %s', (vendorCode, refusal) => {
    const error = new CloudError('route53', {
      vendorCode,
      message: 'x',
      errorClass: 'unknown',
    });
    expect(isBatchRefusal(error)).toBe(refusal);
  });

  it('for any set of bad changes: applies each good one exactly once, never a bad one, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 200 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.uniqueArray(fc.nat({ max: n - 1 }), { maxLength: n })),
          ),
        async ([n, badItems]) => {
          const bad = new Set(badItems);
          const route53 = allOrNothing(bad);
          const outcomes = await applyIsolatingRefusals(range(n), route53.apply);
          expect(outcomes).toHaveLength(n);
          const good = range(n).filter((i) => !bad.has(i));
          expect([...route53.applied].sort((a, b) => a - b)).toEqual(good);
          outcomes.forEach((outcome, i) => {
            expect(outcome.applied).toBe(!bad.has(i));
            if (!outcome.applied)
              expect(messageOf(outcome.error)).toContain(`change ${i} conflicts`);
          });
          // Every call sends a contiguous run of the original order.
          for (const call of route53.calls) {
            expect(call).toEqual(range(call.length).map((k) => call[0]! + k));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
