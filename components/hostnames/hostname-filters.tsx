import Link from 'next/link';
import type { HostnameQuery, RecordOwnership } from '@/server/hostnames/hostname-query';

const STATUSES: RecordOwnership[] = ['owned', 'stale', 'orphan', 'conflict', 'unmanaged'];
const TYPES = ['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'NS', 'SRV', 'CAA', 'SOA'];

/**
 * Search and filters as a plain GET form: the state lives in the URL, so a filtered map can be
 * bookmarked and shared, and it works before any script has loaded.
 */
export function HostnameFilters({
  query,
  basePath,
  clusters,
  orgs,
  maxSearchLength,
}: {
  query: HostnameQuery;
  basePath: string;
  /** Cluster names to filter by; null where the page is already one cluster's. */
  clusters: string[] | null;
  /** Org slugs to filter by: the platform-wide view only. */
  orgs: string[] | null;
  maxSearchLength: number;
}) {
  const select =
    'rounded-md border border-slate-300 bg-white px-2 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none';
  return (
    <form
      method="get"
      action={basePath}
      role="search"
      className="flex flex-wrap items-end gap-3"
      data-testid="hostname-filters"
    >
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
        Search
        <input
          type="search"
          name="q"
          defaultValue={query.search}
          maxLength={maxSearchLength}
          placeholder="hostname, target or resource"
          className="rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none"
        />
      </label>
      {orgs && (
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Org
          <select name="org" defaultValue={query.org ?? ''} className={select}>
            <option value="">All orgs</option>
            {orgs.map((slug) => (
              <option key={slug} value={slug}>
                {slug}
              </option>
            ))}
          </select>
        </label>
      )}
      {clusters && (
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Cluster
          <select name="cluster" defaultValue={query.cluster ?? ''} className={select}>
            <option value="">All clusters</option>
            {clusters.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        Status
        <select name="status" defaultValue={query.status ?? ''} className={select}>
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        Type
        <select name="type" defaultValue={query.type ?? ''} className={select}>
          <option value="">Any type</option>
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      {query.sort !== 'name' && <input type="hidden" name="sort" value={query.sort} />}
      {query.direction !== 'asc' && <input type="hidden" name="dir" value={query.direction} />}
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
      >
        Apply
      </button>
      <Link href={basePath} className="py-2 text-sm font-medium text-indigo-600 hover:underline">
        Clear filters
      </Link>
    </form>
  );
}
