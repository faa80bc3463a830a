// The hostname page's URL read into a query: bounded, known values only.
import { describe, expect, it } from 'vitest';
import { hostnameQueryString } from '@/components/hostnames/hostname-query-string';
import {
  containsPattern,
  DEFAULT_HOSTNAME_QUERY,
  MAX_SEARCH_LENGTH,
  parseHostnameQuery,
} from '@/server/hostnames/hostname-query';

describe('hostname query', () => {
  it('reads every parameter', () => {
    expect(
      parseHostnameQuery({
        q: ' web ',
        cluster: 'prod',
        status: 'orphan',
        type: 'cname',
        org: 'acme',
        sort: 'ttl',
        dir: 'desc',
        page: '3',
      }),
    ).toEqual({
      search: 'web',
      cluster: 'prod',
      status: 'orphan',
      type: 'CNAME',
      org: 'acme',
      sort: 'ttl',
      direction: 'desc',
      page: 3,
    });
  });

  it('drops values out of range instead of failing the page', () => {
    expect(
      parseHostnameQuery({
        status: 'pwned',
        type: 'A; drop table',
        sort: 'values); --',
        dir: 'sideways',
        page: '-1',
        cluster: 'x'.repeat(64),
      }),
    ).toEqual(DEFAULT_HOSTNAME_QUERY);
    expect(parseHostnameQuery({ page: '1.5' }).page).toBe(1);
    expect(parseHostnameQuery({ page: ['2', '9'] }).page).toBe(2);
  });

  it('bounds the search', () => {
    expect(parseHostnameQuery({ q: 'a'.repeat(500) }).search).toHaveLength(MAX_SEARCH_LENGTH);
  });

  it('makes LIKE wildcards in a search literal', () => {
    expect(containsPattern('100%_Off\\')).toBe('%100\\%\\_off\\\\%');
  });

  it('writes the URL back, defaults left out, and reads it again the same', () => {
    expect(hostnameQueryString(DEFAULT_HOSTNAME_QUERY)).toBe('');
    const query = parseHostnameQuery({ q: 'a&b=c', status: 'owned', sort: 'status', page: '2' });
    const text = hostnameQueryString(query);
    expect(text).toBe('?q=a%26b%3Dc&status=owned&sort=status&page=2');
    expect(parseHostnameQuery(Object.fromEntries(new URLSearchParams(text)))).toEqual(query);
    expect(hostnameQueryString(query, { page: 1 })).not.toContain('page=');
  });
});
