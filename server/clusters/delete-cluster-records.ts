// Deletes from the org's zone every record a deleted cluster owned, with its TXT registry records:
// the zone is synced first so the store's view is current, the cluster's records are read from
// the store page by page, grouped (a record with its registry records, so a batch never leaves a
// name half-deleted), cut into batches by what they hold (planGroupedChangeBatches) and sent one
// after the other within the installation's Route 53 budget (the adapter waits on it).
//
// Resumable: each round starts from a fresh sync, so after a crash the records already deleted are
// simply no longer there and nothing is deleted twice. A batch Route 53 refuses (a record gone or
// changed since the sync: a DELETE must match exactly) ends the round; the next round lists the
// zone again and plans from what is there. Only records whose registry owner is this cluster's
// UID and whose ownership is plainly its own (orphan of this cluster) are touched: never an
// unmanaged record, another owner's, or one two owners claim (conflict).
import type { Change } from '@aws-sdk/client-route-53';
import { and, asc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster, DnsRecord, HostedZone } from '@/db/rows';
import { CloudError } from '../cloud/cloud-error';
import { changeRecordSets } from '../cloud/route53';
import { recordForRegistryName } from '../hostnames/registry-record-name';
import { decodeRoute53Name } from '../hostnames/route53-record-name';
import { syncZoneRecords } from '../hostnames/sync-zone-records';
import type { LeaseGuard } from '../provisioning/lease-guard';
import { isBatchRefusal } from '../route53-changes/apply-isolating-refusals';
import { planGroupedChangeBatches } from '../route53-changes/plan-grouped-change-batches';

/** Rows read from the store per query. */
export const RECORD_PAGE_SIZE = 1_000;
/** Rounds (sync, plan, send) before giving up until the next pass: each refused batch costs one. */
export const MAX_ROUNDS = 5;

export interface RecordDeletionProgress {
  /** Records of the cluster in the zone at the first sync of this run (registry records too). */
  found: number;
  /** Records deleted by this run. */
  deleted: number;
  /** Alias and routing-policy records of the cluster, left for a person (see `explainLeftOver`). */
  leftOver: number;
  batches: number;
  /** ListResourceRecordSets calls this run made. */
  listCalls: number;
  rounds: number;
}

export interface RecordDeletionHooks {
  lease?: LeaseGuard;
  /** Called with the store up to date after each batch Route 53 accepted. */
  afterBatch?: (progress: RecordDeletionProgress) => Promise<void>;
}

export async function deleteClusterRecords(
  store: Store,
  cluster: Pick<
    Cluster,
    'id' | 'orgId' | 'uid' | 'txtPrefix' | 'txtSuffix' | 'txtWildcardReplacement'
  >,
  hooks: RecordDeletionHooks = {},
): Promise<RecordDeletionProgress> {
  const progress: RecordDeletionProgress = {
    found: 0,
    deleted: 0,
    leftOver: 0,
    batches: 0,
    listCalls: 0,
    rounds: 0,
  };
  const zone = await liveZone(store, cluster.orgId);
  // No zone: nothing of the cluster can be in one (teardown deletes a zone's records with it).
  if (!zone?.awsZoneId) return progress;
  for (;;) {
    if (progress.rounds === MAX_ROUNDS) {
      // Records changing under us this often (another writer in the zone): try again next pass.
      throw new CloudError('route53', {
        vendorCode: 'RefusedRepeatedly',
        errorClass: 'conflict',
        message: `Route 53 refused the deletion ${MAX_ROUNDS} times although the zone was listed again before each attempt`,
      });
    }
    progress.rounds += 1;
    hooks.lease?.assertHeld();
    const sync = await syncZoneRecords(store, zone);
    progress.listCalls += sync.listCalls;
    const rows = await ownedRows(store, zone.id, cluster);
    const deletable = rows.filter((row) => !row.aliasTarget && !row.setIdentifier);
    progress.leftOver = rows.length - deletable.length;
    if (progress.rounds === 1) progress.found = rows.length;
    const batches = planGroupedChangeBatches(groupWithRegistryRecords(deletable, cluster));
    let refused = false;
    for (const batch of batches) {
      hooks.lease?.assertHeld();
      try {
        await changeRecordSets(
          zone.awsZoneId,
          batch,
          `zonekeeper: records of deleted cluster ${cluster.uid}`,
        );
      } catch (error) {
        if (!isBatchRefusal(error)) throw error;
        refused = true;
        break;
      }
      await forgetRows(store, zone.id, batch);
      progress.batches += 1;
      progress.deleted += batch.length;
      await hooks.afterBatch?.(progress);
    }
    if (!refused) return progress;
  }
}

/** Why records of the cluster were left in the zone, or null when none were. */
export function explainLeftOver(leftOver: number): string | null {
  if (leftOver === 0) return null;
  return `${leftOver} alias or routing-policy record${leftOver === 1 ? '' : 's'} of this cluster stay in the zone: Zonekeeper deletes only records it can match exactly. Delete them in Route 53.`;
}

async function liveZone(store: Store, orgId: string): Promise<HostedZone | undefined> {
  const { hostedZones: z, organizations: o } = store.t;
  const [row] = await store.db
    .select({ zone: z })
    .from(z)
    .innerJoin(o, and(eq(o.id, z.orgId), eq(o.generation, z.generation)))
    .where(and(eq(z.orgId, orgId), isNotNull(z.awsZoneId), isNull(z.deletedAt)));
  return row?.zone;
}

async function ownedRows(
  store: Store,
  zoneId: string,
  cluster: Pick<Cluster, 'id' | 'uid'>,
): Promise<DnsRecord[]> {
  const r = store.t.dnsRecords;
  const rows: DnsRecord[] = [];
  for (let after = ''; ;) {
    const page = await store.db
      .select()
      .from(r)
      .where(
        and(
          eq(r.hostedZoneId, zoneId),
          eq(r.ownerId, cluster.uid),
          eq(r.clusterId, cluster.id),
          eq(r.ownership, 'orphan'),
          gt(r.id, after),
        ),
      )
      .orderBy(asc(r.id))
      .limit(RECORD_PAGE_SIZE);
    rows.push(...page);
    if (page.length < RECORD_PAGE_SIZE) return rows;
    after = page.at(-1)!.id;
  }
}

/**
 * One group per record with the registry records that name it; a registry record whose record is
 * gone (or not the cluster's) forms a group of its own. Groups come out in a stable order.
 */
function groupWithRegistryRecords(
  rows: readonly DnsRecord[],
  cluster: Pick<Cluster, 'txtPrefix' | 'txtSuffix' | 'txtWildcardReplacement'>,
): Change[][] {
  const config = {
    prefix: cluster.txtPrefix,
    suffix: cluster.txtSuffix,
    wildcardReplacement: cluster.txtWildcardReplacement,
  };
  const sorted = [...rows].sort(
    (a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type),
  );
  const groups = new Map<string, Change[]>();
  const byName = new Map<string, Change[]>();
  const registry: DnsRecord[] = [];
  for (const row of sorted) {
    // The cluster's ExternalDNS publishes A, AAAA and CNAME records; its TXT records are registry
    // records (new format, or old format at the record's own name).
    if (row.type === 'TXT') {
      registry.push(row);
      continue;
    }
    const name = decodeRoute53Name(row.name);
    const group = [deleteChange(row)];
    groups.set(`${name}|${row.type}`, group);
    if (!byName.has(name)) byName.set(name, group);
  }
  const alone: Change[][] = [];
  for (const row of registry) {
    const name = decodeRoute53Name(row.name);
    const target = recordForRegistryName(name, config);
    const group =
      (target?.type && groups.get(`${target.name}|${target.type.toUpperCase()}`)) ||
      byName.get(target?.name ?? name) ||
      byName.get(name);
    if (group) group.push(deleteChange(row));
    else alone.push([deleteChange(row)]);
  }
  return [...groups.values(), ...alone];
}

function deleteChange(row: DnsRecord): Change {
  return {
    Action: 'DELETE',
    ResourceRecordSet: {
      Name: row.name,
      Type: row.type as NonNullable<Change['ResourceRecordSet']>['Type'],
      TTL: row.ttl ?? undefined,
      ResourceRecords: row.values.map((Value) => ({ Value })),
    },
  };
}

// The rows of records Route 53 has just deleted, so pages show them gone before the next sync.
async function forgetRows(store: Store, zoneId: string, batch: readonly Change[]): Promise<void> {
  const r = store.t.dnsRecords;
  const keys = new Set(
    batch.map((change) => `${change.ResourceRecordSet!.Name}|${change.ResourceRecordSet!.Type}`),
  );
  const names = [...new Set(batch.map((change) => change.ResourceRecordSet!.Name!))];
  const rows = await store.db
    .select({ id: r.id, name: r.name, type: r.type })
    .from(r)
    .where(and(eq(r.hostedZoneId, zoneId), inArray(r.name, names), eq(r.setIdentifier, '')));
  const ids = rows.filter((row) => keys.has(`${row.name}|${row.type}`)).map((row) => row.id);
  if (ids.length > 0) await store.db.delete(r).where(inArray(r.id, ids));
}
