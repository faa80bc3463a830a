// What a pass consults before it changes anything: whether this replica still holds the reconciler
// lease. A replica stalled past the lease period (GC pause, frozen VM, hung database) must not
// carry on while another leads, so the lease counts as lost as soon as a renewal fails, another
// holder shows up, or the local clock passes the last expiry we know we wrote. Once lost it stays
// lost: the pass stops and the loop has to win the lease again. No timers or I/O of its own.

export class LeaseLost extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'LeaseLost';
  }
}

export interface LeaseGuard {
  /** Aborted, with a LeaseLost as its reason, once the lease is known to be lost. */
  readonly signal: AbortSignal;
  /** Extends the lease; a failure or refusal marks it lost. Never throws. */
  renew(): Promise<void>;
  /** Throws LeaseLost unless the lease is held as far as this replica knows, without I/O. */
  assertHeld(): void;
  /** Asks the store as well, so a takeover is seen before the next renewal would notice it. */
  confirm(): Promise<void>;
}

export interface LeaseGuardDeps {
  ttlMs: number;
  now: () => number;
  /** Takes or extends the lease; false when another replica holds it. */
  renew: () => Promise<boolean>;
  /** Whether the store says we hold an unexpired lease. */
  isHeld: () => Promise<boolean>;
}

export function createLeaseGuard(deps: LeaseGuardDeps): LeaseGuard {
  const controller = new AbortController();
  // The earliest expiry our last successful renewal wrote; unset until the first one succeeds.
  let validUntil: number | undefined;
  const lose = (reason: string) => {
    if (!controller.signal.aborted) controller.abort(new LeaseLost(reason));
  };
  const ranOut = (at: number) => {
    if (validUntil === undefined || at >= validUntil)
      lose('the lease ran out before it was renewed (was this replica stalled?)');
  };
  const assertHeld = () => {
    ranOut(deps.now());
    controller.signal.throwIfAborted();
  };
  return {
    signal: controller.signal,
    assertHeld,
    renew: async () => {
      // The store computes the new expiry after this instant, so counting from here is safe.
      const sentAt = deps.now();
      // After a lapse another replica may have led in between, so this pass's view is stale
      // even if the store would let us renew now.
      if (validUntil !== undefined) ranOut(sentAt);
      if (controller.signal.aborted) return;
      try {
        if (await deps.renew()) validUntil = sentAt + deps.ttlMs;
        else lose('another replica holds the lease');
      } catch (error) {
        lose(`renewing the lease failed: ${describe(error)}`);
      }
    },
    confirm: async () => {
      assertHeld();
      try {
        if (!(await deps.isHeld())) lose('another replica took the lease over, or it expired');
      } catch (error) {
        lose(`checking the lease failed: ${describe(error)}`);
      }
      assertHeld();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
