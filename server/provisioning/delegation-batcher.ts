// Collects the parent-zone NS changes of many organizations that arrive together into as few
// ChangeResourceRecordSets as Route 53's batch limits allow (planChangeBatches), sends batches one
// at a time so the parent zone is never asked twice at once, and resolves each caller when its
// change is INSYNC. A batch Route 53 refuses is halved until the change at fault is alone
// (applyIsolatingRefusals): only its organization fails, with Route 53's reason for it.
import type { Change } from '@aws-sdk/client-route-53';
import { changeRecordSets, fqdn, waitForChange } from '../cloud/route53';
import {
  addCost,
  CHANGE_BATCH_LIMITS,
  NO_COST,
  type ChangeCost,
} from '../route53-changes/change-batch-cost';
import { applyIsolatingRefusals } from '../route53-changes/apply-isolating-refusals';
import { assertFitsOneBatch, planChangeBatches } from '../route53-changes/plan-change-batches';
import type { LeaseGuard } from './lease-guard';

// How long the first change of a batch waits for company.
const GATHER_MS = 1_000;

interface Pending {
  change: Change;
  resolve(): void;
  reject(error: unknown): void;
}

export class DelegationBatcher {
  private pending: Pending[] = [];
  private pendingCost: ChangeCost = NO_COST;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly parentZoneId: () => Promise<string>,
    private readonly lease?: LeaseGuard,
  ) {}

  upsert(zoneName: string, nameServers: string[]): Promise<void> {
    return this.enqueue(nsChange('UPSERT', zoneName, nameServers));
  }

  remove(zoneName: string, nameServers: string[]): Promise<void> {
    return this.enqueue(nsChange('DELETE', zoneName, nameServers));
  }

  private enqueue(change: Change): Promise<void> {
    return new Promise((resolve, reject) => {
      // A change no request can hold fails alone, at once, instead of riding with the others.
      const cost = assertFitsOneBatch(change);
      this.pending.push({ change, resolve, reject });
      this.pendingCost = addCost(this.pendingCost, cost);
      // A full batch goes now; waiting longer would only make the next one.
      const full =
        this.pendingCost.records >= CHANGE_BATCH_LIMITS.records ||
        this.pendingCost.characters >= CHANGE_BATCH_LIMITS.characters;
      if (full) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = [];
    this.pendingCost = NO_COST;
    for (const batch of planChangeBatches(pending, (p) => p.change)) void this.apply(batch);
  }

  private async apply(batch: Pending[]): Promise<void> {
    const outcomes = await applyIsolatingRefusals(batch, (part) => this.submitAndWait(part));
    outcomes.forEach((outcome, i) => {
      if (outcome.applied) batch[i]!.resolve();
      else batch[i]!.reject(outcome.error);
    });
  }

  private async submitAndWait(batch: readonly Pending[]): Promise<void> {
    // One change of the parent zone in flight at a time avoids PriorRequestNotComplete; waiting
    // for INSYNC happens outside that line.
    const submitted = this.sending.then(async () => {
      // A batch gathers for a while: the lease may have been lost since its steps checked it.
      this.lease?.assertHeld();
      const zoneId = await this.parentZoneId();
      return changeRecordSets(
        zoneId,
        batch.map((p) => p.change),
        `zonekeeper delegations (${batch.length})`,
      );
    });
    this.sending = submitted.then(
      () => undefined,
      () => undefined,
    );
    await waitForChange(await submitted);
  }
}

function nsChange(action: 'UPSERT' | 'DELETE', zoneName: string, nameServers: string[]): Change {
  return {
    Action: action,
    ResourceRecordSet: {
      Name: fqdn(zoneName),
      Type: 'NS',
      TTL: 300,
      ResourceRecords: nameServers.map((ns) => ({ Value: fqdn(ns) })),
    },
  };
}
