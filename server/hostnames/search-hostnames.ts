// The hostname pages' query: one org's records (or every org's, for operators) searched, filtered,
// sorted and cut into pages in the store, with the count of each status. Never calls Route 53.
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { DnsRecord } from '@/db/rows';
import { RECORD_OWNERSHIPS, type RecordOwnership } from '@/db/schema/enums';
import { containsPattern, HOSTNAME_PAGE_SIZE, type HostnameQuery } from './hostname-query';
import type { Hostname } from './list-hostnames';
import { decodeRoute53Name } from './route53-record-name';

/** One org (its id), or every org (null): only operators get the platform-wide scope. */
export type HostnameScope = { orgId: string } | { orgId: null };

export interface HostnameRow extends Hostname {
  id: string;
  orgSlug: string;
  setIdentifier: string;
}

export interface HostnameSearchResult {
  rows: HostnameRow[];
  /** Records matching every filter. */
  total: number;
  /** Records matching every filter but the status one, per status: the status tabs. */
  counts: Record<RecordOwnership, number>;
  pageCount: number;
}

export async function searchHostnames(
  store: Store,
  scope: HostnameScope,
  query: HostnameQuery,
): Promise<HostnameSearchResult> {
  const { dnsRecords: r, organizations: o } = store.t;
  const base = hostnameConditions(store, scope, { ...query, status: null });
  // Counted without the joins the rows need: the operator's org filter (by slug) is the only
  // condition that names another table, so an org's counts come from its ownership index alone.
  const counting = store.db.select({ status: r.ownership, n: count() }).from(r).$dynamic();
  const readPage = (page: number) =>
    selectHostnames(store)
      .where(and(...hostnameConditions(store, scope, query)))
      .orderBy(...hostnameOrder(store, query))
      .limit(HOSTNAME_PAGE_SIZE)
      .offset((page - 1) * HOSTNAME_PAGE_SIZE);
  // The counts and the asked-for page at once (on PostgreSQL one round trip of waiting, not two).
  const [statusRows, asked] = await Promise.all([
    (scope.orgId === null && query.org ? counting.innerJoin(o, eq(o.id, r.orgId)) : counting)
      .where(and(...base))
      .groupBy(r.ownership),
    readPage(query.page),
  ]);
  const counts = Object.fromEntries(RECORD_OWNERSHIPS.map((s) => [s, 0])) as Record<
    RecordOwnership,
    number
  >;
  for (const row of statusRows) counts[row.status] = Number(row.n);
  const total = query.status
    ? counts[query.status]
    : Object.values(counts).reduce((a, b) => a + b, 0);
  const pageCount = Math.max(1, Math.ceil(total / HOSTNAME_PAGE_SIZE));
  // A page past the end (an old link, a filter that shrank the set) shows the last one instead.
  const page = Math.min(query.page, pageCount);
  const rows = page === query.page ? asked : await readPage(page);
  return { rows: rows.map(toHostnameRow), total, counts, pageCount };
}

/** The columns every hostname listing reads: the record, its org's slug, its cluster's name. */
export function selectHostnames(store: Store) {
  const { dnsRecords: r, clusters: c, organizations: o } = store.t;
  return store.db
    .select({ record: r, orgSlug: o.slug, cluster: c.name })
    .from(r)
    .innerJoin(o, eq(o.id, r.orgId))
    .leftJoin(c, eq(c.id, r.clusterId))
    .$dynamic();
}

/** The WHERE of a query: scope, filters and search, every value a bound parameter. */
export function hostnameConditions(
  store: Store,
  scope: HostnameScope,
  query: Pick<HostnameQuery, 'search' | 'cluster' | 'status' | 'type' | 'org'>,
): SQL[] {
  const { dnsRecords: r, clusters: c, organizations: o } = store.t;
  const conditions: SQL[] = [];
  if (scope.orgId !== null) conditions.push(eq(r.orgId, scope.orgId));
  else if (query.org) conditions.push(eq(o.slug, query.org));
  if (query.cluster) {
    // By id through the clusters table, so the records' cluster index does the work rather
    // than a join that meets every org's cluster of that name.
    const named = store.db
      .select({ id: c.id })
      .from(c)
      .where(
        and(eq(c.name, query.cluster), scope.orgId !== null ? eq(c.orgId, scope.orgId) : undefined),
      );
    conditions.push(inArray(r.clusterId, named));
  }
  if (query.status) conditions.push(eq(r.ownership, query.status));
  if (query.type) conditions.push(eq(r.type, query.type));
  if (query.search) {
    const pattern = containsPattern(query.search);
    // Route 53 lists a wildcard as \052; a person searches for `*`.
    const namePattern = containsPattern(query.search.replaceAll('*', '\\052'));
    // The values are JSON (text in SQLite, jsonb in PostgreSQL): searched as their text.
    const values = store.dialect === 'postgres' ? sql`${r.values}::text` : sql`${r.values}`;
    conditions.push(
      or(
        like(sql`${r.name}`, namePattern),
        like(values, pattern),
        like(sql`${r.aliasTarget}`, pattern),
        like(sql`${r.resource}`, pattern),
      )!,
    );
  }
  return conditions;
}

function like(column: SQL, pattern: string): SQL {
  return sql`lower(${column}) like ${pattern} escape '\\'`;
}

function hostnameOrder(store: Store, query: HostnameQuery): SQL[] {
  const { dnsRecords: r, clusters: c, organizations: o } = store.t;
  const columns = {
    name: r.name,
    type: r.type,
    ttl: r.ttl,
    cluster: c.name,
    resource: r.resource,
    status: r.ownership,
    synced: r.syncedAt,
    org: o.slug,
  } as const;
  const by = query.direction === 'desc' ? desc : asc;
  // Name then id break ties, so a page never repeats or skips a row; (org_id, name, id) is an
  // index, so the default order is read from it rather than sorted.
  return query.sort === 'name'
    ? [by(r.name), by(r.id)]
    : [by(columns[query.sort]), asc(r.name), asc(r.id)];
}

export function toHostnameRow(row: {
  record: DnsRecord;
  orgSlug: string;
  cluster: string | null;
}): HostnameRow {
  const { record } = row;
  return {
    id: record.id,
    orgSlug: row.orgSlug,
    name: decodeRoute53Name(record.name),
    type: record.type,
    setIdentifier: record.setIdentifier,
    targets: record.aliasTarget ? [record.aliasTarget] : record.values,
    ttl: record.ttl,
    status: record.ownership,
    reason: record.ownershipReason,
    ownerId: record.ownerId,
    cluster: row.cluster,
    resource: record.resource,
    syncedAt: record.syncedAt,
  };
}
