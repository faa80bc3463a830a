// The installation's Route 53 request budget: token buckets every Route 53 call in this process
// waits on before it is sent (one for all calls, one per operation with a lower AWS limit), so
// that we stay under the account's limits instead of collecting Throttling errors (docs/design.md,
// "Route 53 limits and errors").
import { sleep } from './with-retry';

export interface BucketLimits {
  capacity: number;
  refillPerSecond: number;
}

class Bucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limits: BucketLimits,
    private readonly now: () => number,
  ) {
    this.tokens = limits.capacity;
    this.updatedAt = now();
  }

  /** Milliseconds until a token is available (0: now). */
  waitMs(): number {
    const now = this.now();
    this.tokens = Math.min(
      this.limits.capacity,
      this.tokens + ((now - this.updatedAt) / 1000) * this.limits.refillPerSecond,
    );
    this.updatedAt = now;
    return this.tokens >= 1
      ? 0
      : Math.ceil(((1 - this.tokens) / this.limits.refillPerSecond) * 1000);
  }

  take(): void {
    this.tokens -= 1;
  }
}

export class RequestBudget {
  private readonly all: Bucket;
  private readonly perOperation = new Map<string, Bucket>();
  // Callers of one operation are served in arrival order; each operation has its own line, so
  // CreateHostedZone waiting on its low limit does not hold up the other operations.
  private readonly lines = new Map<string, Promise<void>>();

  constructor(
    all: BucketLimits,
    private readonly operationLimits: Record<string, BucketLimits>,
    private readonly now: () => number = Date.now,
  ) {
    this.all = new Bucket(all, now);
  }

  /** Resolves when `operation` may be sent; takes its tokens. */
  acquire(operation: string): Promise<void> {
    const turn = (this.lines.get(operation) ?? Promise.resolve()).then(() =>
      this.waitFor(operation),
    );
    this.lines.set(operation, turn);
    return turn;
  }

  private async waitFor(operation: string): Promise<void> {
    const own = this.bucketOf(operation);
    for (;;) {
      const wait = Math.max(this.all.waitMs(), own?.waitMs() ?? 0);
      if (wait === 0) break;
      await sleep(wait);
    }
    this.all.take();
    own?.take();
  }

  private bucketOf(operation: string): Bucket | undefined {
    const limits = this.operationLimits[operation];
    if (!limits) return undefined;
    let bucket = this.perOperation.get(operation);
    if (!bucket) {
      bucket = new Bucket(limits, this.now);
      this.perOperation.set(operation, bucket);
    }
    return bucket;
  }
}
