// What a hostname page asks for, read from its URL: search, filters, sort and page. Every value
// is checked here, so the query below only ever sees bounded, known values.
import { RECORD_OWNERSHIPS, type RecordOwnership } from '@/db/schema/enums';

export type { RecordOwnership };

export const HOSTNAME_SORTS = [
  'name',
  'type',
  'ttl',
  'cluster',
  'resource',
  'status',
  'synced',
  'org',
] as const;
export type HostnameSort = (typeof HOSTNAME_SORTS)[number];

/** Longer searches match nothing a hostname, target or resource could hold, and cost more. */
export const MAX_SEARCH_LENGTH = 100;
export const HOSTNAME_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

export interface HostnameQuery {
  search: string;
  /** A cluster name (the org scope or the org filter says whose). */
  cluster: string | null;
  status: RecordOwnership | null;
  type: string | null;
  /** An org slug; used by the platform-wide view only. */
  org: string | null;
  sort: HostnameSort;
  direction: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_HOSTNAME_QUERY: HostnameQuery = {
  search: '',
  cluster: null,
  status: null,
  type: null,
  org: null,
  sort: 'name',
  direction: 'asc',
  page: 1,
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Reads the page's URL. A value out of range is dropped rather than refused: a hand-edited or
 * stale link still shows the map, and the filters shown say what applies.
 */
export function parseHostnameQuery(params: RawSearchParams): HostnameQuery {
  const one = (key: string): string | undefined => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
  };
  const status = one('status');
  const type = one('type')?.toUpperCase();
  const sort = one('sort');
  const page = Number(one('page') ?? '1');
  const cluster = one('cluster');
  const org = one('org');
  return {
    search: (one('q') ?? '').slice(0, MAX_SEARCH_LENGTH),
    cluster: cluster && cluster.length <= 63 ? cluster : null,
    status: RECORD_OWNERSHIPS.includes(status as RecordOwnership)
      ? (status as RecordOwnership)
      : null,
    type: type && /^[A-Z]{1,10}$/.test(type) ? type : null,
    org: org && org.length <= 63 ? org : null,
    sort: HOSTNAME_SORTS.includes(sort as HostnameSort) ? (sort as HostnameSort) : 'name',
    direction: one('dir') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
}

/** A LIKE pattern that matches `text` anywhere, its own `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
