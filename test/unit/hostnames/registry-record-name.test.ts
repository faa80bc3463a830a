import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGISTRY_TYPE_WORDS } from '@/server/hostnames/record-type-words';
import {
  candidateRecordsForRegistryName,
  explainTxtRegistryConfigProblem,
  recordForRegistryName,
  registryRecordName,
  type TxtRegistryConfig,
} from '@/server/hostnames/registry-record-name';

const ZONE = 'acme.example.com';
const cfg = (over: Partial<TxtRegistryConfig> = {}): TxtRegistryConfig => ({
  prefix: '',
  suffix: '',
  wildcardReplacement: '',
  ...over,
});

describe('registryRecordName', () => {
  it.each([
    ['web.acme.example.com', 'A', cfg(), 'a-web.acme.example.com'],
    ['web.acme.example.com', 'CNAME', cfg(), 'cname-web.acme.example.com'],
    ['web.acme.example.com', 'AAAA', cfg(), 'aaaa-web.acme.example.com'],
    ['my-web.acme.example.com', 'A', cfg(), 'a-my-web.acme.example.com'],
    ['web.acme.example.com', 'A', cfg({ prefix: 'txt.' }), 'txt.a-web.acme.example.com'],
    ['web.acme.example.com', 'A', cfg({ prefix: 'TXT-' }), 'txt-a-web.acme.example.com'],
    ['web.acme.example.com', 'A', cfg({ suffix: '-txt' }), 'a-web-txt.acme.example.com'],
    ['web.acme.example.com', 'A', cfg({ suffix: '._reg' }), 'a-web._reg.acme.example.com'],
    [
      'web.acme.example.com',
      'A',
      cfg({ prefix: 'txt-%{record_type}.' }),
      'txt-a.web.acme.example.com',
    ],
    [
      'web.acme.example.com',
      'CNAME',
      cfg({ prefix: '%{record_type}-' }),
      'cname-web.acme.example.com',
    ],
    ['web.acme.example.com', 'A', cfg({ suffix: '-%{record_type}' }), 'web-a.acme.example.com'],
    ['*.acme.example.com', 'A', cfg(), 'a-*.acme.example.com'],
    [
      '*.acme.example.com',
      'A',
      cfg({ wildcardReplacement: 'wildcard' }),
      'a-wildcard.acme.example.com',
    ],
    [
      '*.api.acme.example.com',
      'CNAME',
      cfg({ wildcardReplacement: 'any', prefix: 'txt.' }),
      'txt.cname-any.api.acme.example.com',
    ],
    // The apex stays inside the zone only with a templated prefix ending in ".".
    ['acme.example.com', 'A', cfg({ prefix: '%{record_type}.' }), 'a.acme.example.com'],
  ])('%s %s with %j → %s', (name, type, config, txt) => {
    expect(registryRecordName({ name, type }, config, ZONE)).toEqual({ ok: true, name: txt });
  });

  it.each([
    [cfg()],
    [cfg({ prefix: 'txt.' })],
    [cfg({ suffix: '-txt' })],
    [cfg({ suffix: '.txt' })],
  ])('gives the apex record no name inside the zone with %j', (config) => {
    const result = registryRecordName({ name: ZONE, type: 'A' }, config, ZONE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/outside the zone acme\.example\.com/);
  });

  it('leaves a record unowned when its registry label would pass 63 characters', () => {
    const at61 = `${'x'.repeat(61)}.${ZONE}`;
    const at62 = `${'x'.repeat(62)}.${ZONE}`;
    expect(registryRecordName({ name: at61, type: 'A' }, cfg(), ZONE)).toEqual({
      ok: true,
      name: `a-${'x'.repeat(61)}.${ZONE}`,
    });
    const refused = registryRecordName({ name: at62, type: 'A' }, cfg(), ZONE);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/64 characters.*unowned/);
    expect(registryRecordName({ name: at61, type: 'CNAME' }, cfg(), ZONE).ok).toBe(false);
  });

  it('refuses prefix and suffix together, as ExternalDNS does', () => {
    const both = cfg({ prefix: 'p-', suffix: '-s' });
    expect(explainTxtRegistryConfigProblem(both)).toMatch(/only one/);
    expect(registryRecordName({ name: `web.${ZONE}`, type: 'A' }, both, ZONE).ok).toBe(false);
  });
});

describe('recordForRegistryName', () => {
  it.each([
    ['a-web.acme.example.com', cfg(), 'web.acme.example.com', 'a'],
    ['A-WEB.acme.example.com', cfg(), 'web.acme.example.com', 'a'],
    ['cname-web.acme.example.com', cfg(), 'web.acme.example.com', 'cname'],
    ['dname-x.acme.example.com', cfg(), 'x.acme.example.com', 'dname'],
    ['naptr-x.acme.example.com', cfg(), 'x.acme.example.com', 'naptr'],
    // The old format: the TXT at the record's own name, no type.
    ['web.acme.example.com', cfg(), 'web.acme.example.com', null],
    ['my-web.acme.example.com', cfg(), 'my-web.acme.example.com', null],
    // Ambiguous old format: ExternalDNS takes the type word off.
    ['a-b.acme.example.com', cfg(), 'b.acme.example.com', 'a'],
    ['txt.a-web.acme.example.com', cfg({ prefix: 'txt.' }), 'web.acme.example.com', 'a'],
    ['txt.web.acme.example.com', cfg({ prefix: 'txt.' }), 'web.acme.example.com', null],
    ['a-web-txt.acme.example.com', cfg({ suffix: '-txt' }), 'web.acme.example.com', 'a'],
    ['a-web._reg.acme.example.com', cfg({ suffix: '._reg' }), 'web.acme.example.com', 'a'],
    [
      'txt-aaaa.web.acme.example.com',
      cfg({ prefix: 'txt-%{record_type}.' }),
      'web.acme.example.com',
      'aaaa',
    ],
    // An old record written before the template: the template is dropped and the type read from the front.
    [
      'txt-.a-web.acme.example.com',
      cfg({ prefix: 'txt-%{record_type}.' }),
      'web.acme.example.com',
      'a',
    ],
    [
      'web-cname.acme.example.com',
      cfg({ suffix: '-%{record_type}' }),
      'web.acme.example.com',
      'cname',
    ],
    // ExternalDNS's own quirk: with no separator after the template, "aaaa…" reads as "a".
    ['aaaaweb.acme.example.com', cfg({ prefix: '%{record_type}' }), 'aaaweb.acme.example.com', 'a'],
    // A name that is only a type word keeps its name (Go's TrimPrefix finds no "a-").
    ['a', cfg(), 'a', 'a'],
  ])('%s with %j → %s %s', (txt, config, name, type) => {
    expect(recordForRegistryName(txt, config)).toEqual({ name, type });
  });

  it.each([
    ['a-web.acme.example.com', cfg({ prefix: 'txt.' })],
    ['a-web.acme.example.com', cfg({ suffix: '-txt' })],
    ['a-web.acme.example.com', cfg({ prefix: 'p', suffix: 's' })],
    ['a', cfg({ suffix: '.x.y' })],
  ])('%s does not carry %j', (txt, config) => {
    expect(recordForRegistryName(txt, config)).toBeNull();
  });
});

describe('candidateRecordsForRegistryName', () => {
  it('lists the ambiguous old-format reading after the one ExternalDNS uses', () => {
    expect(candidateRecordsForRegistryName('a-b.example.com', cfg())).toEqual([
      { target: { name: 'b.example.com', type: 'a' }, readByExternalDns: true },
      { target: { name: 'a-b.example.com', type: null }, readByExternalDns: false },
    ]);
    expect(candidateRecordsForRegistryName('txt.a-b.example.com', cfg({ prefix: 'txt.' }))).toEqual(
      [
        { target: { name: 'b.example.com', type: 'a' }, readByExternalDns: true },
        { target: { name: 'a-b.example.com', type: null }, readByExternalDns: false },
      ],
    );
  });

  it('lists one reading for an unambiguous name, none for a foreign one', () => {
    expect(candidateRecordsForRegistryName('web.example.com', cfg())).toEqual([
      { target: { name: 'web.example.com', type: null }, readByExternalDns: true },
    ]);
    expect(candidateRecordsForRegistryName('web.example.com', cfg({ prefix: 'txt.' }))).toEqual([]);
  });
});

// Configs ExternalDNS round-trips: affixes whose templated type is fenced by a separator.
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const recordName = fc
  .tuple(fc.oneof(label, fc.constant('*')), fc.array(label, { maxLength: 2 }))
  .map(([first, middle]) => [first, ...middle, ZONE].join('.'));
const roundTripConfig = fc.oneof(
  fc.constant(cfg()),
  fc.constantFrom('txt.', 'txt-', '_reg.', 'x.y.').map((prefix) => cfg({ prefix })),
  fc.constantFrom('-txt', '._reg', '.x.y').map((suffix) => cfg({ suffix })),
  fc
    .constantFrom('txt-%{record_type}.', '%{record_type}-', '%{record_type}.')
    .map((prefix) => cfg({ prefix })),
  fc.constantFrom('-%{record_type}', '.%{record_type}').map((suffix) => cfg({ suffix })),
);

describe('round trips (property)', () => {
  it('reads every name it writes back as the same record and type', () => {
    fc.assert(
      fc.property(
        recordName,
        fc.constantFrom(...REGISTRY_TYPE_WORDS),
        roundTripConfig,
        fc.constantFrom('', 'wildcard'),
        (name, type, config, wildcardReplacement) => {
          const withWildcard = { ...config, wildcardReplacement };
          const written = registryRecordName(
            { name, type: type.toUpperCase() },
            withWildcard,
            ZONE,
          );
          if (!written.ok) {
            expect(written.reason).toMatch(/63|outside/);
            return;
          }
          const expected =
            wildcardReplacement && name.startsWith('*.')
              ? `${wildcardReplacement}${name.slice(1)}`
              : name;
          expect(recordForRegistryName(written.name, withWildcard)).toEqual({
            name: expected,
            type,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws and never invents a name outside the TXT name (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.record({
          prefix: fc.string({ maxLength: 20 }),
          suffix: fc.string({ maxLength: 20 }),
          wildcardReplacement: fc.string({ maxLength: 5 }),
        }),
        (txt, config) => {
          const reading = recordForRegistryName(txt, config);
          if (reading !== null) expect(reading.name.length).toBeLessThanOrEqual(txt.length);
          expect(() => candidateRecordsForRegistryName(txt, config)).not.toThrow();
          expect(() => registryRecordName({ name: txt, type: 'A' }, config, ZONE)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
