// Route 53's request throttling: an account bucket plus one bucket per operation, per account,
// and PriorRequestNotComplete for a change that arrives while an earlier change to the same zone
// is still being processed (AWS refuses only overlapping changes, never one sent after an answer).
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
    /**
     * How long a change is processed before it is answered, the zone busy all the while: far
     * shorter than PENDING propagation, which goes on after the answer.
     */
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

/** A change the zone is processing; `finish` frees the zone, and must come before the answer. */
export interface ZoneChange {
  processingMs: number;
  finish(): void;
}

const UNTRACKED_CHANGE: ZoneChange = { processingMs: 0, finish: () => {} };

interface AccountBuckets {
  account: TokenBucket;
  operations: Map<string, TokenBucket>;
}

export class RequestThrottle {
  private config: ThrottlingConfig;
  private buckets = new Map<string, AccountBuckets>();
  /** Zones processing a change, each with a token so a stale `finish` frees nothing. */
  private zonesProcessing = new Map<string, object>();

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
    this.zonesProcessing.clear();
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

  /** Starts processing a change to the zone; undefined while an earlier one is still processed. */
  beginZoneChange(zoneId: string): ZoneChange | undefined {
    if (!this.config.priorRequest.enabled) return UNTRACKED_CHANGE;
    if (this.zonesProcessing.has(zoneId)) return undefined;
    const token = {};
    this.zonesProcessing.set(zoneId, token);
    return {
      processingMs: this.config.priorRequest.processingMs,
      finish: () => {
        if (this.zonesProcessing.get(zoneId) === token) this.zonesProcessing.delete(zoneId);
      },
    };
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
