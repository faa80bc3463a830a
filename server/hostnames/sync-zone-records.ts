// Lists one hosted zone in full into the store: every page, within the installation's Route 53
// budget (the adapter takes a token per call), written as a diff in one transaction.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { HostedZone } from '@/db/rows';
import { listAllRecordSets } from '../cloud/route53';
import { diffRecordSets, type RecordSetState } from './record-set-diff';
import { recordSetFromRoute53 } from './record-set-from-route53';
import { refreshRecordOwnership } from './refresh-record-ownership';

// Rows per statement: far below SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const ROWS_PER_STATEMENT = 500;

export interface ZoneSyncResult {
  zoneId: string;
  listed: number;
  added: number;
  changed: number;
  removed: number;
  /** Rows whose ownership (status, owner, resource, cluster) changed with this sync. */
  ownershipChanged: number;
  listCalls: number;
  syncedAt: Date;
}

export async function syncZoneRecords(
  store: Store,
  zone: Pick<HostedZone, 'id' | 'orgId' | 'awsZoneId'>,
): Promise<ZoneSyncResult> {
  if (!zone.awsZoneId) throw new Error(`hosted zone ${zone.id} has no Route 53 id yet`);
  // Listed before the transaction opens: no store connection waits on Route 53.
  const listed: RecordSetState[] = [];
  let listCalls = 0;
  for await (const page of listAllRecordSets(zone.awsZoneId)) {
    listCalls += 1;
    listed.push(...page.map(recordSetFromRoute53));
  }
  const syncedAt = new Date();

  return store.transaction(async (tx) => {
    const t = tx.t.dnsRecords;
    const rows = await tx.db
      .select({
        id: t.id,
        name: t.name,
        type: t.type,
        setIdentifier: t.setIdentifier,
        ttl: t.ttl,
        values: t.values,
        aliasTarget: t.aliasTarget,
      })
      .from(t)
      .where(eq(t.hostedZoneId, zone.id));
    const diff = diffRecordSets(rows, listed);

    for (const chunk of chunks(diff.removedIds)) {
      await tx.db.delete(t).where(and(eq(t.hostedZoneId, zone.id), inArray(t.id, chunk)));
    }
    for (const { id, next } of diff.changed) {
      await tx.db
        .update(t)
        .set({ ttl: next.ttl, values: next.values, aliasTarget: next.aliasTarget, syncedAt })
        .where(eq(t.id, id));
    }
    for (const chunk of chunks(diff.added)) {
      await tx.db.insert(t).values(
        chunk.map((record) => ({
          id: randomUUID(),
          orgId: zone.orgId,
          hostedZoneId: zone.id,
          ...record,
          syncedAt,
        })),
      );
    }
    // Ownership depends on every record of the zone (a TXT record owns another), so all of it is
    // read again; only rows whose ownership moved are written.
    const ownership = await refreshRecordOwnership(tx, zone);
    await tx.db
      .update(tx.t.hostedZones)
      .set({ recordsSyncedAt: syncedAt, recordCount: listed.length })
      .where(eq(tx.t.hostedZones.id, zone.id));
    return {
      zoneId: zone.awsZoneId!,
      listed: listed.length,
      added: diff.added.length,
      changed: diff.changed.length,
      removed: diff.removedIds.length,
      ownershipChanged: ownership.changed,
      listCalls,
      syncedAt,
    };
  });
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
    yield items.slice(i, i + ROWS_PER_STATEMENT);
  }
}
