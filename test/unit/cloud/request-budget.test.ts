// The Route 53 request budget's token-bucket math, on a fake clock: the burst is served at once,
// then one call per 1/refill seconds; an operation with its own bucket obeys both it and the
// account's; callers of one operation are served in arrival order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestBudget } from '@/server/cloud/request-budget';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `count` acquisitions of `operation` and records the fake time each one is granted. */
function acquireAll(budget: RequestBudget, operation: string, count: number, grantedAt: number[]) {
  return Promise.all(
    Array.from({ length: count }, () =>
      budget.acquire(operation).then(() => grantedAt.push(Date.now())),
    ),
  );
}

describe('RequestBudget', () => {
  it('grants the burst at once, then one call per 1/refill seconds', async () => {
    const budget = new RequestBudget({ capacity: 3, refillPerSecond: 2 }, {}, () => Date.now());
    const grantedAt: number[] = [];
    const done = acquireAll(budget, 'GetChange', 6, grantedAt);
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    expect(grantedAt).toEqual([0, 0, 0, 500, 1000, 1500]);
  });

  it('refills while idle, but never beyond its capacity', async () => {
    const budget = new RequestBudget({ capacity: 2, refillPerSecond: 1 }, {}, () => Date.now());
    const first: number[] = [];
    const burst = acquireAll(budget, 'GetChange', 2, first);
    await vi.advanceTimersByTimeAsync(0);
    await burst;
    // An hour idle refills two tokens, not 3,600.
    vi.setSystemTime(3_600_000);
    const later: number[] = [];
    const again = acquireAll(budget, 'GetChange', 3, later);
    await vi.advanceTimersByTimeAsync(5_000);
    await again;
    expect(later).toEqual([3_600_000, 3_600_000, 3_601_000]);
  });

  it('holds an operation to its own bucket and to the account bucket', async () => {
    const budget = new RequestBudget(
      { capacity: 10, refillPerSecond: 10 },
      { CreateHostedZone: { capacity: 1, refillPerSecond: 2 } },
      () => Date.now(),
    );
    const creates: number[] = [];
    const others: number[] = [];
    const done = Promise.all([
      acquireAll(budget, 'CreateHostedZone', 3, creates),
      acquireAll(budget, 'GetChange', 9, others),
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    // CreateHostedZone: 1 at once, then every 500 ms.
    expect(creates).toEqual([0, 500, 1000]);
    // The account's 10 tokens went to the first create and nine GetChange calls, all at once.
    expect(others).toEqual(Array.from({ length: 9 }, () => 0));
  });

  it('does not let a slow operation hold up the others', async () => {
    const budget = new RequestBudget(
      { capacity: 100, refillPerSecond: 100 },
      { CreateHostedZone: { capacity: 1, refillPerSecond: 0.1 } },
      () => Date.now(),
    );
    const creates: number[] = [];
    const reads: number[] = [];
    const slow = acquireAll(budget, 'CreateHostedZone', 2, creates);
    const fast = acquireAll(budget, 'ListResourceRecordSets', 5, reads);
    await vi.advanceTimersByTimeAsync(0);
    await fast;
    expect(reads).toEqual([0, 0, 0, 0, 0]);
    await vi.advanceTimersByTimeAsync(10_000);
    await slow;
    expect(creates).toEqual([0, 10_000]);
  });

  it('serves the callers of one operation in arrival order', async () => {
    const budget = new RequestBudget({ capacity: 1, refillPerSecond: 1 }, {}, () => Date.now());
    const order: number[] = [];
    const done = Promise.all(
      [0, 1, 2, 3].map((i) => budget.acquire('GetChange').then(() => order.push(i))),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    await done;
    expect(order).toEqual([0, 1, 2, 3]);
  });
});
