import Link from 'next/link';
import type { HostnameQuery, RecordOwnership } from '@/server/hostnames/hostname-query';
import { hostnameQueryString } from './hostname-query-string';

const ORDER: RecordOwnership[] = ['owned', 'stale', 'orphan', 'conflict', 'unmanaged'];

/** One link per status with its count under the other filters; the current one is marked. */
export function StatusCounts({
  counts,
  query,
  basePath,
}: {
  counts: Record<RecordOwnership, number>;
  query: HostnameQuery;
  basePath: string;
}) {
  const all = ORDER.reduce((sum, status) => sum + counts[status], 0);
  const tab = (status: RecordOwnership | null, label: string, n: number) => {
    const current = query.status === status;
    return (
      <Link
        key={label}
        href={`${basePath}${hostnameQueryString(query, { status, page: 1 })}`}
        aria-current={current ? 'page' : undefined}
        data-testid={`status-count-${status ?? 'all'}`}
        className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
          current
            ? 'bg-indigo-600 text-white ring-indigo-600'
            : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
        }`}
      >
        {label} <span className="tabular-nums">{n.toLocaleString('en-US')}</span>
      </Link>
    );
  };
  return (
    <nav aria-label="Records by status" className="flex flex-wrap gap-2">
      {tab(null, 'All', all)}
      {ORDER.map((status) => tab(status, status, counts[status]))}
    </nav>
  );
}
