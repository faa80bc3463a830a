import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRegistryValue } from '@/server/hostnames/parse-registry-value';
import {
  resolveOwnership,
  type OwnerCluster,
  type OwnershipInput,
  type ZoneRecord,
} from '@/server/hostnames/resolve-ownership';

const Z = 'acme.example.com';
const reg = (owner: string, resource = 'service/web/api') =>
  `"heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}"`;
const rec = (
  name: string,
  type: string,
  values: string[] = ['192.0.2.1'],
  extra: Partial<ZoneRecord> = {},
): ZoneRecord => ({
  name: `${name}.`,
  type,
  values,
  ...extra,
});
const txt = (name: string, value: string, extra: Partial<ZoneRecord> = {}) =>
  rec(name, 'TXT', [value], extra);
const cluster = (uid: string, over: Partial<OwnerCluster> = {}): OwnerCluster => ({
  id: `id-${uid}`,
  name: `name-${uid}`,
  uid,
  status: 'running',
  txtPrefix: '',
  txtSuffix: '',
  wildcardReplacement: '',
  ...over,
});

function resolve(
  zoneRecords: ZoneRecord[],
  clusters: OwnerCluster[] = [cluster('prod')],
  others: string[] = [],
) {
  const input: OwnershipInput = { zoneRecords, clusters, otherOrgOwnerIds: new Set(others) };
  return resolveOwnership(input);
}
const first = (zoneRecords: ZoneRecord[], clusters?: OwnerCluster[], others?: string[]) =>
  resolve(zoneRecords, clusters, others)[0]!;

describe('resolveOwnership: statuses', () => {
  it('owned: a new-format registry record of a running cluster', () => {
    const [web, registry] = resolve([rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, reg('prod'))]);
    expect(web).toMatchObject({
      status: 'owned',
      ownerId: 'prod',
      cluster: { id: 'id-prod', name: 'name-prod' },
      resource: 'service/web/api',
      isRegistryRecord: false,
    });
    expect(web!.reason).toMatch(/name-prod \(running\)/);
    expect(registry).toMatchObject({ status: 'owned', isRegistryRecord: true, ownerId: 'prod' });
  });

  it('stale: the owner cluster is stopped', () => {
    const r = first(
      [rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, reg('prod'))],
      [cluster('prod', { status: 'stopped' })],
    );
    expect(r).toMatchObject({ status: 'stale', ownerId: 'prod', cluster: { name: 'name-prod' } });
    expect(r.reason).toMatch(/stopped/);
  });

  it('orphan: the owner cluster was deleted, saying which', () => {
    const r = first(
      [rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, reg('old'))],
      [cluster('old', { status: 'deleted' })],
    );
    expect(r).toMatchObject({ status: 'orphan', ownerId: 'old', cluster: { name: 'name-old' } });
    expect(r.reason).toMatch(/name-old, was deleted/);
  });

  it('orphan: the owner id is no cluster of the org', () => {
    const r = first([rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, reg('ghost'))]);
    expect(r).toMatchObject({ status: 'orphan', ownerId: 'ghost', cluster: null });
    expect(r.reason).toMatch(/ghost matches no cluster of this organization/);
  });

  it('orphan: a registry record with no owner label', () => {
    const r = first([rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, '"heritage=external-dns"')]);
    expect(r).toMatchObject({ status: 'orphan', ownerId: null });
  });

  it('conflict: the owner is a cluster of another organization, not named', () => {
    const r = first(
      [rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, reg('globex-prod'))],
      [cluster('prod')],
      ['globex-prod'],
    );
    expect(r).toMatchObject({ status: 'conflict', ownerId: 'globex-prod', cluster: null });
    expect(r.reason).toMatch(/another organization/);
  });

  it('conflict: two registry records claim one name and type with different owners', () => {
    const clusters = [cluster('prod'), cluster('stage', { txtPrefix: 'txt.' })];
    const r = first(
      [rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, reg('prod')), txt(`txt.a-web.${Z}`, reg('stage'))],
      clusters,
    );
    expect(r).toMatchObject({ status: 'conflict', ownerId: null, cluster: null, resource: null });
    expect(r.reason).toMatch(/2 registry records.*prod.*stage/);
  });

  it('unmanaged: no registry record, and an ordinary TXT record is no claim', () => {
    expect(first([rec(`web.${Z}`, 'A')])).toMatchObject({ status: 'unmanaged', ownerId: null });
    const [web, spf] = resolve([rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, '"v=spf1 -all"')]);
    expect(web!.status).toBe('unmanaged');
    expect(spf).toMatchObject({ status: 'unmanaged', isRegistryRecord: false });
  });

  it('unmanaged: types the AWS provider never reads, even with an old-format TXT beside them', () => {
    const r = first([rec(Z, 'SOA', ['ns. admin. 1 7200 900 1209600 86400']), txt(Z, reg('prod'))]);
    expect(r.status).toBe('unmanaged');
    expect(r.reason).toMatch(/does not read SOA/);
    expect(first([rec(`x.${Z}`, 'CAA', ['0 issue "x"']), txt(`x.${Z}`, reg('prod'))]).status).toBe(
      'unmanaged',
    );
  });
});

describe('resolveOwnership: matching as ExternalDNS matches', () => {
  it('prefers the new format over the old one at the same name', () => {
    const clusters = [cluster('new'), cluster('old')];
    const r = first(
      [rec(`web.${Z}`, 'A'), txt(`web.${Z}`, reg('old')), txt(`a-web.${Z}`, reg('new'))],
      clusters,
    );
    expect(r).toMatchObject({ status: 'owned', ownerId: 'new' });
  });

  it('falls back to an old-format record for any type but AAAA', () => {
    for (const type of ['A', 'CNAME', 'TXT', 'MX', 'SRV', 'NS']) {
      const r = first([rec(`web.${Z}`, type, ['x']), txt(`web.${Z}`, reg('prod'))]);
      expect(r).toMatchObject({ status: 'owned', ownerId: 'prod' });
      expect(r.reason).toMatch(/old-format/);
    }
    expect(
      first([rec(`web.${Z}`, 'AAAA', ['2001:db8::1']), txt(`web.${Z}`, reg('prod'))]).status,
    ).toBe('unmanaged');
  });

  it('reads both formats of one owner as one owner, not a conflict', () => {
    expect(
      first([rec(`web.${Z}`, 'A'), txt(`web.${Z}`, reg('prod')), txt(`a-web.${Z}`, reg('prod'))])
        .status,
    ).toBe('owned');
  });

  it('matches the type: an a- record does not own a CNAME', () => {
    expect(
      first([rec(`web.${Z}`, 'CNAME', ['lb.example.net']), txt(`a-web.${Z}`, reg('prod'))]).status,
    ).toBe('unmanaged');
  });

  it('lets an A alias fall back to a cname- registry record, and only an A alias', () => {
    const alias = rec(`web.${Z}`, 'A', [], { alias: true });
    const r = first([alias, txt(`cname-web.${Z}`, reg('prod'))]);
    expect(r).toMatchObject({ status: 'owned', ownerId: 'prod' });
    expect(r.reason).toMatch(/cname- registry record/);
    expect(first([rec(`web.${Z}`, 'A'), txt(`cname-web.${Z}`, reg('prod'))]).status).toBe(
      'unmanaged',
    );
    expect(
      first([rec(`web.${Z}`, 'AAAA', [], { alias: true }), txt(`cname-web.${Z}`, reg('prod'))])
        .status,
    ).toBe('unmanaged');
    // The a- record wins over the legacy cname- one.
    const both = first(
      [alias, txt(`cname-web.${Z}`, reg('legacy')), txt(`a-web.${Z}`, reg('prod'))],
      [cluster('prod'), cluster('legacy')],
    );
    expect(both).toMatchObject({ status: 'owned', ownerId: 'prod' });
  });

  it('matches set identifiers', () => {
    const records = [
      rec(`web.${Z}`, 'A', ['192.0.2.1'], { setIdentifier: 'blue' }),
      rec(`web.${Z}`, 'A', ['192.0.2.2'], { setIdentifier: 'green' }),
      rec(`web.${Z}`, 'A', ['192.0.2.3']),
      txt(`a-web.${Z}`, reg('prod'), { setIdentifier: 'blue' }),
    ];
    expect(
      resolve(records)
        .slice(0, 3)
        .map((r) => r.status),
    ).toEqual(['owned', 'unmanaged', 'unmanaged']);
  });

  it('reads wildcard records as Route 53 returns them (\\052)', () => {
    const r = first([rec(`\\052.${Z}`, 'A'), txt(`a-\\052.${Z}`, reg('prod'))]);
    expect(r).toMatchObject({ name: `*.${Z}`, status: 'owned' });
  });

  it('uses the wildcard replacement of the cluster that wrote the record', () => {
    const clusters = [cluster('prod', { wildcardReplacement: 'any' })];
    expect(first([rec(`\\052.${Z}`, 'A'), txt(`a-any.${Z}`, reg('prod'))], clusters).status).toBe(
      'owned',
    );
    // The same record under defaults would have needed a-*.
    expect(first([rec(`\\052.${Z}`, 'A'), txt(`a-any.${Z}`, reg('prod'))]).status).toBe(
      'unmanaged',
    );
  });

  it("uses each cluster's own prefix or suffix for its records", () => {
    const clusters = [
      cluster('p', { txtPrefix: 'txt.' }),
      cluster('s', { txtSuffix: '-reg' }),
      cluster('t', { txtPrefix: 'zk-%{record_type}.' }),
    ];
    const out = resolve(
      [
        rec(`one.${Z}`, 'A'),
        rec(`two.${Z}`, 'A'),
        rec(`three.${Z}`, 'CNAME', ['x.example.net']),
        txt(`txt.a-one.${Z}`, reg('p')),
        txt(`a-two-reg.${Z}`, reg('s')),
        txt(`zk-cname.three.${Z}`, reg('t')),
      ],
      clusters,
    );
    expect(out.slice(0, 3).map((r) => [r.status, r.ownerId])).toEqual([
      ['owned', 'p'],
      ['owned', 's'],
      ['owned', 't'],
    ]);
  });

  it("does not read a cluster's records with another cluster's prefix", () => {
    // p writes with prefix txt.; a registry record at a-web naming p was not written by p.
    const r = first(
      [rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, reg('p'))],
      [cluster('p', { txtPrefix: 'txt.' })],
    );
    expect(r.status).toBe('unmanaged');
    expect(r.reason).toMatch(/a-web\.acme\.example\.com names owner p .*other --txt-prefix/);
  });

  it('reads the ambiguous old format as ExternalDNS does, and says so', () => {
    const [ab, b] = resolve([
      rec(`a-b.${Z}`, 'CNAME', ['x.example.net']),
      rec(`b.${Z}`, 'A'),
      txt(`a-b.${Z}`, reg('prod')),
    ]);
    expect(b).toMatchObject({ status: 'owned', ownerId: 'prod' });
    expect(ab!.status).toBe('unmanaged');
    expect(ab!.reason).toMatch(
      /reads a name starting with "a-" as the A record b\.acme\.example\.com/,
    );
  });

  it('reads hostile registry values without a wrong owner', () => {
    const clusters = [cluster('prod'), cluster('x'), cluster('y')];
    const injected = '"heritage=external-dns,external-dns/owner=x,external-dns/owner=y"';
    expect(first([rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, injected)], clusters)).toMatchObject({
      ownerId: 'y',
    });
    const long = `"heritage=external-dns,external-dns/owner=${'p'.repeat(5000)}"`;
    expect(first([rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, long)])).toMatchObject({
      status: 'orphan',
    });
    const spaced = '"heritage=external-dns, external-dns/owner=prod"';
    expect(first([rec(`web.${Z}`, 'A'), txt(`a-web.${Z}`, spaced)])).toMatchObject({
      status: 'orphan',
      ownerId: null,
    });
    const second = ['"v=spf1 -all"', reg('prod')];
    expect(first([rec(`web.${Z}`, 'A'), rec(`a-web.${Z}`, 'TXT', second)]).status).toBe(
      'unmanaged',
    );
  });
});

describe('resolveOwnership: properties', () => {
  const owners = ['prod', 'stage', 'gone', 'ghost', 'foreign'];
  const clusters = [
    cluster('prod'),
    cluster('stage', { status: 'stopped', txtPrefix: 'txt.' }),
    cluster('gone', { status: 'deleted', txtSuffix: '-r' }),
  ];
  const label = fc.constantFrom('web', 'api', 'a-b', '*', 'x');
  const type = fc.constantFrom('A', 'AAAA', 'CNAME', 'TXT', 'MX', 'SOA');
  const txtName = fc
    .tuple(
      fc.constantFrom('', 'a-', 'cname-', 'aaaa-', 'txt.a-', 'txt.', 'txt-'),
      label,
      fc.constantFrom('', '-r'),
    )
    .map(([p, l, s]) => `${p}${l === '*' ? '\\052' : l}${s}.${Z}.`);
  const value = fc.oneof(
    fc.constantFrom(...owners).map((o) => reg(o)),
    fc.string({ maxLength: 80 }),
    fc
      .constantFrom(...owners)
      .map((o) => `"heritage=external-dns,external-dns/owner=${o},external-dns/owner=prod"`),
  );
  const zoneRecord = fc.oneof(
    fc.record({
      name: label.map((l) => `${l === '*' ? '\\052' : l}.${Z}.`),
      type,
      values: fc.constant(['v']),
      alias: fc.boolean(),
    }),
    fc.record({
      name: txtName,
      type: fc.constant('TXT'),
      values: fc.array(value, { minLength: 0, maxLength: 2 }),
    }),
  );

  it('never throws, and an owner it names is always the owner a registry record holds (property)', () => {
    fc.assert(
      fc.property(fc.array(zoneRecord, { maxLength: 12 }), (zoneRecords) => {
        const out = resolveOwnership({
          zoneRecords,
          clusters,
          otherOrgOwnerIds: new Set(['foreign']),
        });
        expect(out).toHaveLength(zoneRecords.length);
        // The owners that registry records in this zone actually hold (first value, last repeat).
        const held = new Set(
          zoneRecords.flatMap((z) => {
            if (z.type !== 'TXT') return [];
            const parsed = parseRegistryValue(z.values);
            return parsed.kind === 'registry' && parsed.owner !== null ? [parsed.owner] : [];
          }),
        );
        for (const r of out) {
          if (r.ownerId !== null) expect(held).toContain(r.ownerId);
          if (r.status === 'unmanaged') expect(r.ownerId).toBeNull();
          if (r.status === 'owned') expect(r.cluster?.name).toBe('name-prod');
          if (r.status === 'stale') expect(r.cluster?.name).toBe('name-stage');
          if (r.cluster !== null) expect(clusters.map((c) => c.id)).toContain(r.cluster.id);
          if (r.ownerId === 'foreign') expect(r.status).toBe('conflict');
          expect(r.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order records are listed in (property)', () => {
    fc.assert(
      fc.property(fc.array(zoneRecord, { maxLength: 10 }), fc.integer(), (zoneRecords, seed) => {
        const shuffled = [...zoneRecords]
          .map((r, i) => ({ r, k: (i * 7919 + seed) % 104729 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.r);
        const summary = (rs: ZoneRecord[]) =>
          resolveOwnership({ zoneRecords: rs, clusters, otherOrgOwnerIds: new Set(['foreign']) })
            .map((o) =>
              JSON.stringify([o.record.name, o.record.type, o.record.values, o.status, o.ownerId]),
            )
            .sort();
        expect(summary(shuffled)).toEqual(summary(zoneRecords));
      }),
      { numRuns: 200 },
    );
  });
});

describe('resolveOwnership: arbitrary input', () => {
  it('never throws on any names, types, values and flags (property)', () => {
    const anyRecord = fc.record({
      name: fc.string({ maxLength: 80 }),
      type: fc.oneof(fc.constantFrom('A', 'TXT', 'CNAME', 'aaaa'), fc.string({ maxLength: 6 })),
      values: fc.array(fc.string({ maxLength: 120 }), { maxLength: 3 }),
      setIdentifier: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      alias: fc.option(fc.boolean(), { nil: undefined }),
    });
    const anyCluster = fc.record({
      id: fc.string({ maxLength: 5 }),
      name: fc.string({ maxLength: 5 }),
      uid: fc.string({ maxLength: 5 }),
      status: fc.constantFrom('pending', 'running', 'stopped', 'deleted' as const),
      txtPrefix: fc.string({ maxLength: 20 }),
      txtSuffix: fc.string({ maxLength: 20 }),
      wildcardReplacement: fc.string({ maxLength: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(anyRecord, { maxLength: 15 }),
        fc.array(anyCluster, { maxLength: 4 }),
        (zoneRecords, clusters) => {
          const out = resolveOwnership({ zoneRecords, clusters, otherOrgOwnerIds: new Set(['x']) });
          expect(out).toHaveLength(zoneRecords.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
