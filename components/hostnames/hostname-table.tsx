'use client';

// A client component on purpose: its rows then travel to the browser as data (a few hundred bytes
// each) instead of as a rendered tree of 50 × 9 cells in the RSC payload, which took the page's
// HTML from 162 kB to 98 kB and its RSC payload from 100 kB to 32 kB (BENCHMARKS.md, "Hostname
// page").
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import type { HostnameQuery, HostnameSort } from '@/server/hostnames/hostname-query';
import { hostnameQueryString } from './hostname-query-string';
import type { HostnameTableRow } from './hostname-table-rows';

const COLUMNS: { sort: HostnameSort; label: string; orgOnly?: boolean }[] = [
  { sort: 'org', label: 'Org', orgOnly: true },
  { sort: 'name', label: 'Hostname' },
  { sort: 'type', label: 'Type' },
  { sort: 'name', label: 'Targets' },
  { sort: 'ttl', label: 'TTL' },
  { sort: 'cluster', label: 'Cluster' },
  { sort: 'resource', label: 'Resource' },
  { sort: 'status', label: 'Status' },
  { sort: 'synced', label: 'Last synced' },
];

/** The records of one page of the map; each column header sorts by it (again: the other way). */
export function HostnameTable({
  rows,
  query,
  basePath,
  showOrg,
}: {
  rows: HostnameTableRow[];
  query: HostnameQuery;
  basePath: string;
  showOrg: boolean;
}) {
  const columns = COLUMNS.filter((c) => showOrg || !c.orgOnly);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      {/* Cell padding and size are set once here, not on each of the 50 × 9 cells: the page's
          HTML and its RSC payload both carry every class name. */}
      <table
        className="min-w-full divide-y divide-slate-200 text-sm [&_td]:px-4 [&_td]:py-2 [&_td]:text-xs"
        data-testid="hostname-table"
      >
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((column) => {
              // Targets have no order of their own; the header is plain text.
              if (column.label === 'Targets') {
                return (
                  <th key={column.label} scope="col" className="px-4 py-3">
                    {column.label}
                  </th>
                );
              }
              const active = query.sort === column.sort;
              const direction = active && query.direction === 'asc' ? 'desc' : 'asc';
              return (
                <th
                  key={column.label}
                  scope="col"
                  className="px-4 py-3"
                  aria-sort={
                    active ? (query.direction === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  <Link
                    href={`${basePath}${hostnameQueryString(query, { sort: column.sort, direction, page: 1 })}`}
                    className="hover:text-slate-900"
                  >
                    {column.label}
                    {active && <span aria-hidden>{query.direction === 'asc' ? ' ▲' : ' ▼'}</span>}
                  </Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="hostname-row" data-hostname={row.name}>
              {showOrg && (
                <td className="font-mono">
                  <Link href={`/orgs/${row.orgSlug}/hostnames`} className="hover:underline">
                    {row.orgSlug}
                  </Link>
                </td>
              )}
              <td className="max-w-xs break-all font-mono text-slate-900">
                {row.name}
                {row.setIdentifier && (
                  <span className="block text-slate-500">set {row.setIdentifier}</span>
                )}
              </td>
              <td className="font-mono">{row.type}</td>
              <td className="max-w-xs break-all font-mono text-slate-600">
                {row.targets.map((target, i) => (
                  <span key={i} className="block">
                    {target}
                  </span>
                ))}
              </td>
              <td>{row.ttl ?? 'alias'}</td>
              <td data-testid="hostname-cluster">{row.cluster ?? '—'}</td>
              <td className="break-all font-mono" data-testid="hostname-resource">
                {row.resource ?? '—'}
              </td>
              <td>
                <StatusBadge status={row.status} />
                {row.reason && <span className="mt-1 block text-slate-500">{row.reason}</span>}
              </td>
              <td className="text-slate-500">
                <UtcTime value={row.syncedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
