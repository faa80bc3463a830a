// The records of one organization's zone as the store last synced them, with their ownership:
// what the hostname pages and `zk hostnames` show. Reads the store only, never Route 53.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { RecordOwnership } from '@/db/schema/enums';
import { decodeRoute53Name } from './route53-record-name';

export interface HostnameFilter {
  clusterId?: string;
  status?: RecordOwnership;
}

export interface Hostname {
  /** The name as people type it: no trailing dot, `*` not `\052`. */
  name: string;
  type: string;
  /** Record values, or the alias target of an alias record. */
  targets: string[];
  ttl: number | null;
  status: RecordOwnership;
  reason: string | null;
  ownerId: string | null;
  cluster: string | null;
  resource: string | null;
  syncedAt: Date;
}

export async function listHostnames(
  store: Store,
  orgId: string,
  filter: HostnameFilter = {},
): Promise<Hostname[]> {
  const { dnsRecords: r, clusters: c } = store.t;
  const conditions: SQL[] = [eq(r.orgId, orgId)];
  if (filter.clusterId) conditions.push(eq(r.clusterId, filter.clusterId));
  if (filter.status) conditions.push(eq(r.ownership, filter.status));
  const rows = await store.db
    .select({ record: r, cluster: c.name })
    .from(r)
    .leftJoin(c, eq(c.id, r.clusterId))
    .where(and(...conditions))
    .orderBy(asc(r.name), asc(r.type), asc(r.setIdentifier));
  return rows.map(({ record, cluster }) => ({
    name: decodeRoute53Name(record.name),
    type: record.type,
    targets: record.aliasTarget ? [record.aliasTarget] : record.values,
    ttl: record.ttl,
    status: record.ownership,
    reason: record.ownershipReason,
    ownerId: record.ownerId,
    cluster,
    resource: record.resource,
    syncedAt: record.syncedAt,
  }));
}
