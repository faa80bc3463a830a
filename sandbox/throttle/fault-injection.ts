// Injected failures and latency per operation, so clients' retry and timeout paths can be exercised.

export type FaultKind = 'Throttling' | 'InternalFailure' | 'DropConnection';
export const FAULT_KINDS: readonly FaultKind[] = [
  'Throttling',
  'InternalFailure',
  'DropConnection',
];

export interface OperationFaults {
  /** Probability (0..1) that a call fails with `errorKind`. */
  errorRate?: number;
  errorKind?: FaultKind;
  /** Added before the call is answered. */
  latencyMs?: number;
  /** The next N calls fail with `failNextKind` (default InternalFailure), then this is spent. */
  failNext?: number;
  failNextKind?: FaultKind;
}

export interface FaultDecision {
  latencyMs: number;
  failure?: FaultKind;
}

/** '*' applies to every operation; a named operation's settings take precedence field by field. */
export const ALL_OPERATIONS = '*';

export class FaultInjector {
  private faults = new Map<string, OperationFaults>();

  constructor(private readonly random: () => number = Math.random) {}

  set(operation: string, faults: OperationFaults): void {
    this.faults.set(operation, { ...faults });
  }

  clear(): void {
    this.faults.clear();
  }

  snapshot(): Record<string, OperationFaults> {
    return Object.fromEntries([...this.faults].map(([op, f]) => [op, { ...f }]));
  }

  decide(operation: string): FaultDecision {
    const own = this.faults.get(operation);
    const all = this.faults.get(ALL_OPERATIONS);
    if (!own && !all) return { latencyMs: 0 };
    const latencyMs = own?.latencyMs ?? all?.latencyMs ?? 0;
    for (const faults of [own, all]) {
      if (faults?.failNext && faults.failNext > 0) {
        faults.failNext -= 1;
        return { latencyMs, failure: faults.failNextKind ?? 'InternalFailure' };
      }
    }
    const rate = own?.errorRate ?? all?.errorRate ?? 0;
    if (rate > 0 && this.random() < rate) {
      return { latencyMs, failure: own?.errorKind ?? all?.errorKind ?? 'InternalFailure' };
    }
    return { latencyMs };
  }

  /** Waits the operation's injected latency; resolves with the failure to inject, if any. */
  async inject(operation: string): Promise<FaultKind | undefined> {
    const { latencyMs, failure } = this.decide(operation);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return failure;
  }
}
