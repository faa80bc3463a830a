// The rows the hostname table shows, cut down on the server: the table is a client component, so
// every field of its props is serialized into the page.
import type { HostnameRow } from '@/server/hostnames/search-hostnames';

/** What a row shows, and nothing more. */
export type HostnameTableRow = Pick<
  HostnameRow,
  | 'id'
  | 'name'
  | 'setIdentifier'
  | 'type'
  | 'targets'
  | 'ttl'
  | 'cluster'
  | 'resource'
  | 'status'
  | 'reason'
  | 'syncedAt'
> & { orgSlug?: string };

/** The rows a table shows; the org only on the platform-wide view. */
export function tableRows(rows: HostnameRow[], showOrg: boolean): HostnameTableRow[] {
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    setIdentifier: row.setIdentifier,
    type: row.type,
    targets: row.targets,
    ttl: row.ttl,
    cluster: row.cluster,
    resource: row.resource,
    status: row.status,
    reason: row.reason,
    syncedAt: row.syncedAt,
    ...(showOrg ? { orgSlug: row.orgSlug } : {}),
  }));
}
