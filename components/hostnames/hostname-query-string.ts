import type { HostnameQuery } from '@/server/hostnames/hostname-query';

/** The URL query string of a hostname query, defaults left out so links stay short. */
export function hostnameQueryString(
  query: HostnameQuery,
  change: Partial<HostnameQuery> = {},
): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.search) params.set('q', next.search);
  if (next.org) params.set('org', next.org);
  if (next.cluster) params.set('cluster', next.cluster);
  if (next.status) params.set('status', next.status);
  if (next.type) params.set('type', next.type);
  if (next.sort !== 'name') params.set('sort', next.sort);
  if (next.direction !== 'asc') params.set('dir', next.direction);
  if (next.page !== 1) params.set('page', String(next.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
