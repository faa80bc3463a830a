// Route 53's request throttling: an account bucket plus one bucket per operation, per account,
// and PriorRequestNotComplete while a zone is still processing an earlier change.
import { TokenBucket, type BucketLimits } from './token-bucket';

export interface ThrottlingConfig {
  /** Token buckets on/off. */
  enabled: boolean;
  account: BucketLimits;
  defaultOperation: BucketLimits;
  /** Per-operation limits that differ from the default (AWS: CreateHostedZone, DeleteHostedZone). */
  operations: Record<string, BucketLimits>;
  priorRequest: {
    enabled: boolean;
    /** How long a zone is busy applying a change: far shorter than PENDING propagation. */
    processingMs: number;
  };
}

export type ThrottlingConfigPatch = Partial<Omit<ThrottlingConfig, 'priorRequest'>> & {
  priorRequest?: Partial<ThrottlingConfig['priorRequest']>;
};

/** The limits of the AWS guide "Throttling for Amazon Route 53 API requests". */
export function defaultThrottlingConfig(): ThrottlingConfig {
  return {
    enabled: true,
    account: { capacity: 50, refillPerSecond: 10 },
    defaultOperation: { capacity: 50, refillPerSecond: 10 },
    operations: {
      CreateHostedZone: { capacity: 40, refillPerSecond: 2 },
      DeleteHostedZone: { capacity: 40, refillPerSecond: 5 },
    },
    priorRequest: { enabled: true, processingMs: 100 },
  };
}

interface AccountBuckets {
  account: TokenBucket;
  operations: Map<string, TokenBucket>;
}

export class RequestThrottle {
  private config: ThrottlingConfig;
  private buckets = new Map<string, AccountBuckets>();
  private zoneBusyUntil = new Map<string, number>();

  constructor(
    config: ThrottlingConfig,
    private readonly now: () => number,
  ) {
    this.config = config;
  }

  get currentConfig(): ThrottlingConfig {
    return structuredClone(this.config);
  }

  /** New limits take effect with full buckets, so a test starts from a known state. */
  configure(patch: ThrottlingConfigPatch): ThrottlingConfig {
    this.config = {
      ...this.config,
      ...patch,
      operations: { ...this.config.operations, ...patch.operations },
      priorRequest: { ...this.config.priorRequest, ...patch.priorRequest },
    };
    this.buckets.clear();
    this.zoneBusyUntil.clear();
    return this.currentConfig;
  }

  /** Takes a token from the account's and the operation's bucket; false when either is empty. */
  admit(accountId: string, operation: string): boolean {
    if (!this.config.enabled) return true;
    const now = this.now();
    const buckets = this.bucketsOf(accountId, now);
    let operationBucket = buckets.operations.get(operation);
    if (!operationBucket) {
      const limits = this.config.operations[operation] ?? this.config.defaultOperation;
      operationBucket = new TokenBucket(limits, now);
      buckets.operations.set(operation, operationBucket);
    }
    if (!buckets.account.hasToken(now) || !operationBucket.hasToken(now)) return false;
    buckets.account.take();
    operationBucket.take();
    return true;
  }

  /** False while the zone is still processing an earlier change; otherwise marks it busy. */
  beginZoneChange(zoneId: string): boolean {
    if (!this.config.priorRequest.enabled) return true;
    const now = this.now();
    if ((this.zoneBusyUntil.get(zoneId) ?? 0) > now) return false;
    this.zoneBusyUntil.set(zoneId, now + this.config.priorRequest.processingMs);
    return true;
  }

  private bucketsOf(accountId: string, now: number): AccountBuckets {
    let buckets = this.buckets.get(accountId);
    if (!buckets) {
      buckets = { account: new TokenBucket(this.config.account, now), operations: new Map() };
      this.buckets.set(accountId, buckets);
    }
    return buckets;
  }
}
