// A token bucket that refills continuously, like the buckets Route 53 throttles requests with.

export interface BucketLimits {
  capacity: number;
  refillPerSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    readonly limits: BucketLimits,
    now: number,
  ) {
    this.tokens = limits.capacity;
    this.refilledAt = now;
  }

  hasToken(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  take(): void {
    this.tokens -= 1;
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(
      this.limits.capacity,
      this.tokens + elapsedSeconds * this.limits.refillPerSecond,
    );
    this.refilledAt = now;
  }
}
