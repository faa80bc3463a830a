import Link from 'next/link';
import type { HostnameQuery } from '@/server/hostnames/hostname-query';
import { hostnameQueryString } from './hostname-query-string';

export function HostnamePagination({
  query,
  basePath,
  page,
  pageCount,
  total,
}: {
  query: HostnameQuery;
  basePath: string;
  page: number;
  pageCount: number;
  total: number;
}) {
  const link = (to: number, label: string) =>
    to < 1 || to > pageCount ? (
      <span className="text-slate-400">{label}</span>
    ) : (
      <Link
        href={`${basePath}${hostnameQueryString(query, { page: to })}`}
        className="font-medium text-indigo-600 hover:underline"
      >
        {label}
      </Link>
    );
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
      <p className="text-slate-500" data-testid="hostname-total">
        {total.toLocaleString('en-US')} record{total === 1 ? '' : 's'} · page {page} of {pageCount}
      </p>
      <div className="flex gap-4">
        {link(page - 1, 'Previous')}
        {link(page + 1, 'Next')}
      </div>
    </nav>
  );
}
