import Link from 'next/link';
import type { ReactNode } from 'react';
import { UtcTime } from '@/components/ui/utc-time';
import type { HostnameQuery } from '@/server/hostnames/hostname-query';
import type { RecordSyncState } from '@/server/hostnames/record-sync-state';
import type { HostnameSearchResult } from '@/server/hostnames/search-hostnames';
import { HostnameFilters } from './hostname-filters';
import { HostnamePagination } from './hostname-pagination';
import { hostnameQueryString } from './hostname-query-string';
import { HostnameTable } from './hostname-table';
import { tableRows } from './hostname-table-rows';
import { StatusCounts } from './status-counts';

/**
 * The hostname map as every page shows it (an org's, a cluster's, the platform's): when the zone
 * was last read, search and filters, counts per status, one page of records, and the way out of
 * an empty result.
 */
export function HostnameMap({
  result,
  query,
  basePath,
  csvPath,
  syncState,
  syncControl,
  clusters,
  orgs,
  maxSearchLength,
  actions,
}: {
  result: HostnameSearchResult;
  query: HostnameQuery;
  basePath: string;
  csvPath: string;
  /** Null on the platform-wide view: each org's zone has its own sync time. */
  syncState: RecordSyncState | null;
  /** The "Sync now" button, for who may sync; null for the others. */
  syncControl: ReactNode;
  clusters: string[] | null;
  orgs: string[] | null;
  maxSearchLength: number;
  actions?: ReactNode;
}) {
  const page = Math.min(query.page, result.pageCount);
  const filtered =
    query.search !== '' || query.cluster || query.status || query.type || (orgs && query.org);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        {syncState && <SyncLine state={syncState} />}
        <div className="ml-auto flex flex-wrap items-start gap-3">
          {actions}
          {syncControl}
        </div>
      </div>
      <HostnameFilters
        query={query}
        basePath={basePath}
        clusters={clusters}
        orgs={orgs}
        maxSearchLength={maxSearchLength}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <StatusCounts counts={result.counts} query={query} basePath={basePath} />
        <a
          href={`${csvPath}${hostnameQueryString(query, { page: 1 })}`}
          className="text-sm font-medium text-indigo-600 hover:underline"
          data-testid="hostname-csv"
        >
          Export CSV
        </a>
      </div>
      {result.rows.length === 0 ? (
        <EmptyState syncState={syncState} filtered={Boolean(filtered)} basePath={basePath} />
      ) : (
        <>
          <HostnameTable
            rows={tableRows(result.rows, orgs !== null)}
            query={query}
            basePath={basePath}
            showOrg={orgs !== null}
          />
          <HostnamePagination
            query={query}
            basePath={basePath}
            page={page}
            pageCount={result.pageCount}
            total={result.total}
          />
        </>
      )}
    </div>
  );
}

function SyncLine({ state }: { state: RecordSyncState }) {
  return (
    <p className="text-sm text-slate-600" data-testid="records-synced-at">
      {state.zone === 'ready' && state.syncedAt ? (
        <>
          Records last synced from Route 53 at <UtcTime value={state.syncedAt} />.
        </>
      ) : state.zone === 'ready' ? (
        'The zone has not been synced yet.'
      ) : (
        'No zone to sync yet.'
      )}
    </p>
  );
}

function EmptyState({
  syncState,
  filtered,
  basePath,
}: {
  syncState: RecordSyncState | null;
  filtered: boolean;
  basePath: string;
}) {
  const [title, body] = filtered
    ? [
        'No record matches these filters.',
        <Link key="clear" href={basePath} className="font-medium text-indigo-600 hover:underline">
          Clear the filters
        </Link>,
      ]
    : syncState?.zone === 'none'
      ? [
          'This organization has no zone yet.',
          'Records show here once provisioning has created its Route 53 zone.',
        ]
      : syncState?.zone === 'not-ready'
        ? [`The zone is ${syncState.status}.`, 'Records show here once it is ready and synced.']
        : syncState?.zone === 'ready' && !syncState.syncedAt
          ? ['The zone has never been synced.', 'Use "Sync now" to read its records from Route 53.']
          : [
              'No records here yet.',
              'Records appear after the next sync, once ExternalDNS or a person creates them.',
            ];
  return (
    <div
      className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center"
      data-testid="hostname-empty"
    >
      <p className="font-medium text-slate-900">{title}</p>
      <p className="mt-1 text-sm text-slate-600">{body}</p>
    </div>
  );
}
