import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidZoneName,
  isWithinZone,
  normalizeDnsName,
  reversedLabelKey,
} from '@/sandbox/route53/dns-names';
import { SortedRecordList, positionOf } from '@/sandbox/route53/record-ordering';

describe('normalizeDnsName', () => {
  it.each([
    ['Example.COM', 'example.com.'],
    ['example.com.', 'example.com.'],
    ['*.example.com', '\\052.example.com.'],
    ['\\052.example.com', '\\052.example.com.'],
    ['_acme-challenge.example.com', '_acme-challenge.example.com.'],
  ])('%s -> %s', (input, expected) => expect(normalizeDnsName(input)).toBe(expected));

  it.each(['', '.', 'a..b', `${'x'.repeat(64)}.com`, `${'abcdefghi.'.repeat(26)}com`, 'a b.com'])(
    'refuses %j',
    (input) => expect(normalizeDnsName(input)).toBeUndefined(),
  );
});

describe('zone names and membership', () => {
  it('needs two labels and no escapes for a zone', () => {
    expect(isValidZoneName('example.com.')).toBe(true);
    expect(isValidZoneName('com.')).toBe(false);
    expect(isValidZoneName('\\052.example.com.')).toBe(false);
  });

  it('treats only the apex and true subdomains as inside', () => {
    expect(isWithinZone('example.com.', 'example.com.')).toBe(true);
    expect(isWithinZone('a.example.com.', 'example.com.')).toBe(true);
    expect(isWithinZone('badexample.com.', 'example.com.')).toBe(false);
  });

  it('reverses labels for ordering', () => {
    expect(reversedLabelKey('www.example.com.')).toBe('com.example.www');
  });
});

describe('SortedRecordList', () => {
  it('keeps any insertion order sorted by reversed name, type and set identifier', () => {
    const label = fc.stringMatching(/^[a-z0-9]{1,4}$/);
    const record = fc.record({
      labels: fc.array(label, { minLength: 0, maxLength: 3 }),
      type: fc.constantFrom('A', 'AAAA', 'TXT', 'CNAME'),
      setIdentifier: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        const list = new SortedRecordList();
        for (const r of records) {
          const name = [...r.labels, 'example', 'com', ''].join('.');
          const set = { name, type: r.type, setIdentifier: r.setIdentifier, values: [] };
          list.insert({ set, sortKey: positionOf(name, r.type).sortKey, xml: '' });
        }
        const keys = list.records.map((s) => [s.sortKey, s.set.type, s.set.setIdentifier ?? '']);
        const sorted = [...keys].sort((a, b) => {
          for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
          return 0;
        });
        expect(keys).toEqual(sorted);
      }),
    );
  });
});
