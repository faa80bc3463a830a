// Per-operation call counters, read by tests and benchmarks (in-process or via GET /_sandbox/stats),
// also kept per signing access key, so a test can tell one caller's calls from another's.

export interface OperationStats {
  calls: number;
  throttled: number;
  priorRequestNotComplete: number;
  injectedFaults: number;
  errors: number;
}

export type CallOutcome =
  'ok' | 'throttled' | 'priorRequestNotComplete' | 'injectedFault' | 'error';

export class CallStats {
  private byOperation = new Map<string, OperationStats>();
  private byAccessKey = new Map<string, CallStats>();

  /** `accessKeyId`: the key the request was signed with, when it carried one. */
  record(operation: string, outcome: CallOutcome, accessKeyId?: string): void {
    if (accessKeyId !== undefined) {
      let perKey = this.byAccessKey.get(accessKeyId);
      if (!perKey) {
        perKey = new CallStats();
        this.byAccessKey.set(accessKeyId, perKey);
      }
      perKey.record(operation, outcome);
    }
    let stats = this.byOperation.get(operation);
    if (!stats) {
      stats = { calls: 0, throttled: 0, priorRequestNotComplete: 0, injectedFaults: 0, errors: 0 };
      this.byOperation.set(operation, stats);
    }
    stats.calls += 1;
    if (outcome === 'throttled') stats.throttled += 1;
    else if (outcome === 'priorRequestNotComplete') stats.priorRequestNotComplete += 1;
    else if (outcome === 'injectedFault') stats.injectedFaults += 1;
    else if (outcome === 'error') stats.errors += 1;
  }

  reset(): void {
    this.byOperation.clear();
    this.byAccessKey.clear();
  }

  /** The calls signed with one access key (all zero for a key never seen). */
  forAccessKey(accessKeyId: string): ReturnType<CallStats['snapshot']> {
    return (this.byAccessKey.get(accessKeyId) ?? new CallStats()).snapshot();
  }

  snapshot(): { operations: Record<string, OperationStats>; totals: OperationStats } {
    const totals: OperationStats = {
      calls: 0,
      throttled: 0,
      priorRequestNotComplete: 0,
      injectedFaults: 0,
      errors: 0,
    };
    const operations: Record<string, OperationStats> = {};
    for (const [operation, stats] of this.byOperation) {
      operations[operation] = { ...stats };
      for (const key of Object.keys(totals) as (keyof OperationStats)[]) totals[key] += stats[key];
    }
    return { operations, totals };
  }
}
