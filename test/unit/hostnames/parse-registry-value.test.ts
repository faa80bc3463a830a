import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseRegistryValue,
  serializeRegistryValue,
} from '@/server/hostnames/parse-registry-value';

function labelsOf(value: string): Record<string, string> | string {
  const parsed = parseRegistryValue([value]);
  return parsed.kind === 'registry' ? Object.fromEntries(parsed.labels) : parsed.kind;
}

describe('parseRegistryValue', () => {
  it.each([
    [
      '"heritage=external-dns,external-dns/owner=c-1,external-dns/resource=service/web/api"',
      { owner: 'c-1', resource: 'service/web/api' },
    ],
    ['heritage=external-dns,external-dns/owner=c-1', { owner: 'c-1' }],
    ['""""heritage=external-dns,external-dns/owner=c-1"""', { owner: 'c-1' }],
    // Only quotes are trimmed: a trailing space stays part of the last value.
    ['"heritage=external-dns,external-dns/owner=c-1 "', { owner: 'c-1 ' }],
    // Split at the first "=" only.
    ['"heritage=external-dns,external-dns/resource=crd/a=b"', { resource: 'crd/a=b' }],
    // Keys not starting with external-dns are dropped; tokens without "=" skipped.
    ['"heritage=external-dns,foo=bar,junk,external-dns/owner=c-1"', { owner: 'c-1' }],
    // The last repeat wins: a label injection cannot pick the first owner.
    ['"heritage=external-dns,external-dns/owner=x,external-dns/owner=y"', { owner: 'y' }],
    // heritage need not come first, and order of labels does not matter.
    ['"external-dns/owner=c-1,heritage=external-dns"', { owner: 'c-1' }],
    // As ExternalDNS does, a key beginning "external-dns" without the slash is kept whole.
    ['"heritage=external-dns,external-dnsx=1"', { 'external-dnsx': '1' }],
    ['"heritage=external-dns"', {}],
    ['"heritage=external-dns,external-dns/owner="', { owner: '' }],
    ['"heritage=external-dns,external-dns/owner=ünï©ødé🙂"', { owner: 'ünï©ødé🙂' }],
  ])('%j → labels %j', (value, labels) => {
    expect(labelsOf(value)).toEqual(labels);
  });

  it.each([
    ['"v=spf1 include:_spf.example.com ~all"'],
    ['"heritage=externaldns,external-dns/owner=c-1"'],
    ['"heritage=external-dns ,external-dns/owner=c-1"'],
    ['"heritage=External-DNS,external-dns/owner=c-1"'],
    ['" heritage=external-dns,external-dns/owner=c-1"'],
    // One wrong heritage anywhere makes it ordinary, even after a right one.
    ['"heritage=external-dns,heritage=other,external-dns/owner=c-1"'],
    ['"external-dns/owner=c-1"'],
    [''],
    ['""'],
    ['"heritage"'],
  ])('%j is an ordinary TXT record', (value) => {
    expect(parseRegistryValue([value]).kind).toBe('ordinary');
  });

  it('reads only the first value of a record set', () => {
    const first = parseRegistryValue([
      '"v=spf1 -all"',
      '"heritage=external-dns,external-dns/owner=x"',
    ]);
    expect(first.kind).toBe('ordinary');
    const second = parseRegistryValue([
      '"heritage=external-dns,external-dns/owner=a"',
      '"heritage=external-dns,external-dns/owner=b"',
    ]);
    expect(second.kind === 'registry' && second.owner).toBe('a');
  });

  it('calls a record set with no value ordinary', () => {
    expect(parseRegistryValue([])).toEqual({
      kind: 'ordinary',
      reason: 'The TXT record has no value.',
    });
  });

  it('keeps a "__proto__" key as plain data', () => {
    const parsed = parseRegistryValue(['"heritage=external-dns,external-dns/__proto__=x"']);
    expect(parsed.kind === 'registry' && parsed.labels.get('__proto__')).toBe('x');
    expect(parsed.kind === 'registry' && parsed.owner).toBeNull();
  });

  it('reads a value split into several strings as ExternalDNS does (quotes inside stay)', () => {
    const parsed = parseRegistryValue(['"heritage=external-dns,external-dns/owner=c-1" "x"']);
    expect(parsed.kind === 'registry' && parsed.owner).toBe('c-1" "x');
  });

  it('never throws, and any result is one of the two kinds (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 2000 }), { maxLength: 3 }),
        (values) => {
          const parsed = parseRegistryValue(values);
          expect(['registry', 'ordinary']).toContain(parsed.kind);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads back exactly the labels it serialized (property)', () => {
    const labelText = fc.string({
      unit: fc.constantFrom(...'abcxyz019-_/.:é🙂'.split('')),
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(
        fc.dictionary(
          labelText,
          fc.string({ unit: fc.constantFrom(...'ab01-/=é '.split('')), maxLength: 30 }),
        ),
        (dict) => {
          const labels = new Map(Object.entries(dict));
          const parsed = parseRegistryValue([serializeRegistryValue(labels)]);
          expect(parsed.kind).toBe('registry');
          if (parsed.kind === 'registry') expect(Object.fromEntries(parsed.labels)).toEqual(dict);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives an injected owner only when it comes last, as ExternalDNS does (property)', () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(id, id, (real, injected) => {
        const value = `"heritage=external-dns,external-dns/owner=${real},external-dns/resource=service/a/b,external-dns/owner=${injected}"`;
        const parsed = parseRegistryValue([value]);
        expect(parsed.kind === 'registry' && parsed.owner).toBe(injected);
      }),
    );
  });
});

describe('serializeRegistryValue', () => {
  it('writes heritage first, keys sorted, no spaces, in quotes', () => {
    const labels = new Map([
      ['resource', 'service/web/api'],
      ['owner', 'c-1'],
    ]);
    expect(serializeRegistryValue(labels)).toBe(
      '"heritage=external-dns,external-dns/owner=c-1,external-dns/resource=service/web/api"',
    );
  });
});
