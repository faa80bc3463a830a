// Collects the parent-zone NS changes of many organizations that arrive together into one
// ChangeResourceRecordSets (within Route 53's 1,000-record / 32,000-character batch limits), sends
// batches one at a time so the parent zone is never asked twice at once, and resolves each
// caller when its batch is INSYNC.
import type { Change } from '@aws-sdk/client-route-53';
import { changeRecordSets, fqdn, waitForChange } from '../cloud/route53';

// UPSERT counts twice towards both limits; stay well inside them.
const MAX_CHANGES = 200;
const MAX_CHARACTERS = 12_000;
// How long the first change of a batch waits for company.
const GATHER_MS = 1_000;

interface Pending {
  change: Change;
  characters: number;
  resolve(): void;
  reject(error: unknown): void;
}

export class DelegationBatcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly parentZoneId: () => Promise<string>) {}

  upsert(zoneName: string, nameServers: string[]): Promise<void> {
    return this.enqueue(nsChange('UPSERT', zoneName, nameServers));
  }

  remove(zoneName: string, nameServers: string[]): Promise<void> {
    return this.enqueue(nsChange('DELETE', zoneName, nameServers));
  }

  private enqueue(change: Change): Promise<void> {
    return new Promise((resolve, reject) => {
      const characters = (change.ResourceRecordSet?.ResourceRecords ?? []).reduce(
        (sum, record) => sum + (record.Value?.length ?? 0),
        0,
      );
      this.pending.push({ change, characters, resolve, reject });
      const full =
        this.pending.length >= MAX_CHANGES ||
        this.pending.reduce((sum, p) => sum + p.characters, 0) >= MAX_CHARACTERS;
      if (full) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    // One change of the parent zone in flight at a time avoids PriorRequestNotComplete; waiting
    // for INSYNC happens outside that line.
    const submitted = this.sending.then(async () => {
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
