import { describe, expect, it } from 'vitest';
import { planChangeBatch } from '@/sandbox/route53/change-batch-validation';
import { Route53Error } from '@/sandbox/route53/route53-errors';
import type { ParsedChange } from '@/sandbox/route53/route53-request-parsing';
import { ZoneStore } from '@/sandbox/route53/zone-store';

function zone() {
  const store = new ZoneStore({ now: () => 0, pendingMs: 0, maxHostedZones: 500 });
  return store.createZone('example.com.', 'ref').zone;
}

const a = (action: string, name: string, value = '192.0.2.1', ttl = 300): ParsedChange => ({
  action,
  rawName: name,
  set: { name, type: 'A', ttl, values: [value] },
});

function problems(changes: ParsedChange[]): string[] {
  try {
    planChangeBatch(zone(), changes);
    return [];
  } catch (error) {
    if (!(error instanceof Route53Error)) throw error;
    return error.code === 'InvalidChangeBatch' ? error.messages : [error.code];
  }
}

describe('planChangeBatch', () => {
  it.each([
    [
      'CREATE then DELETE of the same set',
      [a('CREATE', 'x.example.com'), a('DELETE', 'x.example.com')],
      /invalid set of changes/,
    ],
    ['DELETE of a missing set', [a('DELETE', 'x.example.com')], /not found/],
    ['a name outside the zone', [a('CREATE', 'x.example.org')], /not permitted in zone/],
    [
      'a name that merely ends like the zone',
      [a('CREATE', 'badexample.com')],
      /not permitted in zone/,
    ],
    ['an invalid IPv4 value', [a('CREATE', 'x.example.com', '1.2.3')], /IPv4/],
  ])('refuses %s', (_, changes, pattern) => {
    expect(problems(changes).join('\n')).toMatch(pattern);
  });

  it('plans writes without touching the zone', () => {
    const z = zone();
    const writes = planChangeBatch(z, [
      a('CREATE', 'WWW.example.com'),
      a('UPSERT', 'api.example.com'),
    ]);
    expect(writes.map((w) => w.next?.name)).toEqual(['www.example.com.', 'api.example.com.']);
    expect(z.records.records).toHaveLength(2);
  });

  it('refuses a malformed change as InvalidInput', () => {
    expect(
      problems([
        {
          action: 'REPLACE',
          rawName: 'x',
          set: { name: 'x.example.com', type: 'A', ttl: 1, values: ['1.1.1.1'] },
        },
      ]),
    ).toEqual(['InvalidInput']);
    expect(
      problems([
        { action: 'CREATE', rawName: 'x', set: { name: 'x.example.com', type: 'A', values: [] } },
      ]),
    ).toEqual(['InvalidInput']);
  });

  it('counts UPSERT twice towards the 1,000-record limit', () => {
    const upserts = (n: number) =>
      Array.from({ length: n }, (_, i) => a('UPSERT', `h${i}.example.com`));
    expect(problems(upserts(500))).toEqual([]);
    expect(problems(upserts(501))).toEqual(['Number of records limit of 1000 exceeded.']);
  });
});
