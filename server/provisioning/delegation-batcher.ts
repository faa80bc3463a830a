// Collects the parent-zone NS changes of many organizations that arrive together into as few
// ChangeResourceRecordSets as Route 53's batch limits allow, sends batches one at a time so the
// parent zone is never asked twice at once, and resolves each caller when its batch is INSYNC.
import type { Change } from '@aws-sdk/client-route-53';
import { changeRecordSets, fqdn, waitForChange } from '../cloud/route53';
import {
  CHANGE_BATCH_LIMITS,
  changeCost,
  splitIntoBatches,
  type ChangeCost,
} from './change-batch-cost';
import type { LeaseGuard } from './lease-guard';

// How long the first change of a batch waits for company.
const GATHER_MS = 1_000;

interface Pending {
  change: Change;
  cost: ChangeCost;
  resolve(): void;
  reject(error: unknown): void;
}

export class DelegationBatcher {
  private pending: Pending[] = [];
  private pendingCost: ChangeCost = { records: 0, characters: 0 };
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
      const cost = changeCost(change);
      this.pending.push({ change, cost, resolve, reject });
      this.pendingCost = {
        records: this.pendingCost.records + cost.records,
        characters: this.pendingCost.characters + cost.characters,
      };
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
    this.pendingCost = { records: 0, characters: 0 };
    for (const batch of splitIntoBatches(pending, (p) => p.cost)) this.submit(batch);
  }

  private submit(batch: Pending[]): void {
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
    submitted
      .then((changeId) => waitForChange(changeId))
      .then(
        () => batch.forEach((p) => p.resolve()),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      );
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
