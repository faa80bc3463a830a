// The sandbox ExternalDNS's registry writer, table-driven against ExternalDNS v0.22's names and
// values, and property-checked against Zonekeeper's own reader: whatever the sandbox writes,
// Zonekeeper reads back as the same record and owner.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  readRegistryValue,
  registryRecordName,
  registryRecordValue,
} from '@/sandbox/externaldns/txt-registry';
import { parseRegistryValue } from '@/server/hostnames/parse-registry-value';
import { recordForRegistryName } from '@/server/hostnames/registry-record-name';

const none = { txtPrefix: '', txtSuffix: '', txtWildcardReplacement: '' };

describe('registryRecordName', () => {
  it.each([
    ['web.acme.example.com', 'CNAME', none, 'cname-web.acme.example.com'],
    ['web.acme.example.com', 'A', none, 'a-web.acme.example.com'],
    ['web.acme.example.com', 'A', { ...none, txtPrefix: 'txt.' }, 'txt.a-web.acme.example.com'],
    ['web.acme.example.com', 'A', { ...none, txtSuffix: '-txt' }, 'a-web-txt.acme.example.com'],
    [
      'web.acme.example.com',
      'A',
      { ...none, txtPrefix: 'zk-%{record_type}.' },
      'zk-a.web.acme.example.com',
    ],
    [
      'web.acme.example.com',
      'CNAME',
      { ...none, txtSuffix: '.%{record_type}' },
      'web.cname.acme.example.com',
    ],
    ['web.acme.example.com', 'A', { ...none, txtPrefix: 'TXT.' }, 'txt.a-web.acme.example.com'],
    ['*.acme.example.com', 'A', none, 'a-*.acme.example.com'],
    [
      '*.acme.example.com',
      'A',
      { ...none, txtWildcardReplacement: 'any' },
      'a-any.acme.example.com',
    ],
    ['acme', 'A', none, 'a-acme'],
  ])('%s %s with %o is %s', (name, type, flags, expected) => {
    expect(registryRecordName(name, type, flags)).toBe(expected);
  });
});

describe('registryRecordValue and readRegistryValue', () => {
  it('writes the labels sorted and quoted', () => {
    expect(registryRecordValue({ resource: 'service/default/web', owner: 'c1' })).toBe(
      '"heritage=external-dns,external-dns/owner=c1,external-dns/resource=service/default/web"',
    );
  });

  it.each([
    ['"heritage=external-dns,external-dns/owner=c1"', { owner: 'c1' }],
    ['heritage=external-dns,external-dns/owner=c1,external-dns/owner=c2', { owner: 'c2' }],
    ['""heritage=external-dns,external-dns/owner=c1""', { owner: 'c1' }],
    ['"heritage=other,external-dns/owner=c1"', undefined],
    ['"v=spf1 -all"', undefined],
    ['"external-dns/owner=c1"', undefined],
  ])('reads %s as %o', (value, labels) => {
    expect(readRegistryValue(value)).toEqual(labels);
  });
});

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const hostname = fc
  .array(label, { minLength: 1, maxLength: 3 })
  .map((labels) => [...labels, 'acme', 'example', 'com'].join('.'));
const affix = fc.oneof(
  fc.constant(''),
  fc.constant('txt.'),
  fc.constant('%{record_type}-'),
  fc.constant('zk-%{record_type}.'),
);

describe("Zonekeeper's reader reads what the sandbox writes", () => {
  it('maps every name back to its record and type, under a prefix or a suffix', () => {
    fc.assert(
      fc.property(
        hostname,
        fc.constantFrom('A', 'CNAME'),
        affix,
        fc.boolean(),
        (name, type, chosen, asSuffix) => {
          const suffix = asSuffix ? chosen.replace(/^(.*)\.$/, '.$1') : '';
          const prefix = asSuffix ? '' : chosen;
          const written = registryRecordName(name, type, {
            txtPrefix: prefix,
            txtSuffix: suffix,
            txtWildcardReplacement: '',
          });
          const read = recordForRegistryName(written, { prefix, suffix, wildcardReplacement: '' });
          expect(read).toEqual({ name, type: type.toLowerCase() });
        },
      ),
    );
  });

  it('reads the owner and resource the sandbox wrote', () => {
    fc.assert(
      fc.property(label, label, label, (owner, namespace, name) => {
        const value = registryRecordValue({ owner, resource: `service/${namespace}/${name}` });
        expect(parseRegistryValue([value])).toMatchObject({
          kind: 'registry',
          owner,
          resource: `service/${namespace}/${name}`,
        });
        expect(readRegistryValue(value)).toEqual({
          owner,
          resource: `service/${namespace}/${name}`,
        });
      }),
    );
  });
});
