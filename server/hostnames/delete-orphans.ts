// Explicit deletion of an org's orphan records (and their orphan TXT registry records): the admin
// sees a preview, and the deletion is bound to it by a digest of exactly those record sets. Only
// records whose status is "orphan" are ever chosen; unmanaged records never are.
import { createHash } from 'node:crypto';
import type { Change, ResourceRecordSet } from '@aws-sdk/client-route-53';
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { HostedZone, Organization } from '@/db/rows';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor } from '../auth/actor';
import { listAllRecordSets } from '../cloud/route53';
import { DomainError } from '../errors/domain-error';
import { applyChangeBatches } from '../route53-changes/apply-change-batches';
import { recordSetFromRoute53 } from './record-set-from-route53';
import { recordSetKey, type RecordSetState } from './record-set-diff';
import { decodeRoute53Name } from './route53-record-name';
import { syncZoneRecords } from './sync-zone-records';

/** At most this many record sets go in one deletion; more wait for the next preview. */
export const MAX_ORPHANS_PER_DELETION = 1_000;

export interface OrphanRecord extends RecordSetState {
  /** The name as people read it. */
  hostname: string;
  reason: string | null;
}

export interface OrphanPreview {
  records: OrphanRecord[];
  /** More orphans than one deletion takes: the rest show up in the next preview. */
  more: boolean;
  /** sha256 of exactly the listed record sets: the confirmation must carry it back. */
  digest: string;
  syncedAt: Date | null;
}

export async function previewOrphanDeletion(
  store: Store,
  org: Pick<Organization, 'id' | 'generation'>,
): Promise<OrphanPreview> {
  const zone = await readyZoneOf(store, org);
  if (!zone) return { records: [], more: false, digest: digestOf([]), syncedAt: null };
  const r = store.t.dnsRecords;
  const rows = await store.db
    .select()
    .from(r)
    .where(and(eq(r.hostedZoneId, zone.id), eq(r.ownership, 'orphan')))
    .orderBy(asc(r.name), asc(r.type), asc(r.setIdentifier))
    .limit(MAX_ORPHANS_PER_DELETION + 1);
  const records = rows.slice(0, MAX_ORPHANS_PER_DELETION).map((row) => ({
    name: row.name,
    type: row.type,
    setIdentifier: row.setIdentifier,
    ttl: row.ttl,
    values: row.values,
    aliasTarget: row.aliasTarget,
    hostname: decodeRoute53Name(row.name),
    reason: row.ownershipReason,
  }));
  return {
    records,
    more: rows.length > MAX_ORPHANS_PER_DELETION,
    digest: digestOf(records),
    syncedAt: zone.recordsSyncedAt,
  };
}

export interface OrphanDeletionResult {
  deleted: number;
  batches: number;
}

/**
 * Syncs the zone first, so ownership is judged on what Route 53 holds now; refuses when the
 * orphans are no longer exactly the previewed ones; then deletes those record sets, as Route 53
 * lists them, in batches, and syncs again so the store shows the result.
 */
export async function deleteOrphans(
  context: { store: Store; actor: Actor; org: Pick<Organization, 'id' | 'slug' | 'generation'> },
  digest: string,
): Promise<OrphanDeletionResult> {
  const { store, actor, org } = context;
  const zone = await readyZoneOf(store, org);
  if (!zone?.awsZoneId) {
    throw new DomainError('conflict', `${org.slug} has no ready zone, so it has no orphans.`);
  }
  await syncZoneRecords(store, zone);
  const preview = await previewOrphanDeletion(store, org);
  if (preview.digest !== digest) {
    throw new DomainError(
      'conflict',
      'The orphan records changed since the preview (a sync or ExternalDNS moved them). Nothing was deleted: look at the new preview and confirm again.',
    );
  }
  if (preview.records.length === 0) {
    throw new DomainError('conflict', `${org.slug} has no orphan records to delete.`);
  }
  const listed = new Map<string, ResourceRecordSet>();
  for await (const page of listAllRecordSets(zone.awsZoneId)) {
    for (const set of page) listed.set(recordSetKey(recordSetFromRoute53(set)), set);
  }
  const changes: Change[] = [];
  for (const record of preview.records) {
    const set = listed.get(recordSetKey(record));
    // Gone between the sync and now: nothing left to delete for it.
    if (!set) continue;
    if (!sameRecordSet(recordSetFromRoute53(set), record)) {
      throw new DomainError(
        'conflict',
        `${record.hostname} ${record.type} changed in Route 53 a moment ago. Nothing was deleted: look at the new preview and confirm again.`,
      );
    }
    changes.push({ Action: 'DELETE', ResourceRecordSet: set });
  }
  const target = zone.awsZoneId;
  const detail = {
    records: changes.length,
    names: preview.records.slice(0, 50).map((r) => `${r.hostname} ${r.type}`),
    digest,
  };
  let batches: number;
  try {
    batches = await applyChangeBatches(
      target,
      changes,
      `Zonekeeper: orphans deleted by ${actor.label}`,
    );
  } catch (error) {
    await recordAuditEvent(store, {
      actor,
      orgId: org.id,
      action: 'records.orphans_deleted',
      target,
      outcome: 'failure',
      detail,
    });
    // What did go is shown at once; what did not stays an orphan for the next preview.
    await syncZoneRecords(store, zone);
    throw error;
  }
  await recordAuditEvent(store, {
    actor,
    orgId: org.id,
    action: 'records.orphans_deleted',
    target,
    outcome: 'success',
    detail: { ...detail, batches },
  });
  await syncZoneRecords(store, zone);
  return { deleted: changes.length, batches };
}

function digestOf(records: readonly RecordSetState[]): string {
  const hash = createHash('sha256');
  for (const r of records) {
    hash.update(JSON.stringify([r.name, r.type, r.setIdentifier, r.ttl, r.values, r.aliasTarget]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

function sameRecordSet(a: RecordSetState, b: RecordSetState): boolean {
  return (
    a.ttl === b.ttl &&
    a.aliasTarget === b.aliasTarget &&
    JSON.stringify(a.values) === JSON.stringify(b.values)
  );
}

async function readyZoneOf(
  store: Store,
  org: Pick<Organization, 'id' | 'generation'>,
): Promise<HostedZone | undefined> {
  const z = store.t.hostedZones;
  const [zone] = await store.db
    .select()
    .from(z)
    .where(
      and(
        eq(z.orgId, org.id),
        eq(z.generation, org.generation),
        eq(z.status, 'ready'),
        isNotNull(z.awsZoneId),
        isNull(z.deletedAt),
      ),
    )
    .limit(1);
  return zone;
}
