// The sandbox ExternalDNS's plan: what it creates, updates and deletes, and what it leaves alone.
import { describe, expect, it } from 'vitest';
import type { ExternalDnsSettings } from '@/sandbox/externaldns/externaldns-args';
import { planChanges, type ManagedZone, type ZoneRecord } from '@/sandbox/externaldns/plan-changes';
import type { SourceEndpoint } from '@/sandbox/externaldns/source-endpoints';

const ZONE = 'acme.example.com';
const settings = (patch: Partial<ExternalDnsSettings> = {}): ExternalDnsSettings => ({
  ownerId: 'me',
  policy: 'sync',
  sources: ['service'],
  ignoredSources: [],
  domainFilters: [ZONE],
  zoneIdFilters: ['Z1'],
  txtPrefix: '',
  txtSuffix: '',
  txtWildcardReplacement: '',
  ...patch,
});
const zone = (records: ZoneRecord[]): ManagedZone[] => [{ id: 'Z1', name: ZONE, records }];
const registry = (name: string, owner: string, resource = 'service/default/web'): ZoneRecord => ({
  name,
  type: 'TXT',
  ttl: 300,
  values: [`"heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}"`],
});
const cname = (name: string, target: string): ZoneRecord => ({
  name,
  type: 'CNAME',
  ttl: 300,
  values: [target],
});
const endpoint = (patch: Partial<SourceEndpoint> = {}): SourceEndpoint => ({
  dnsName: `web.${ZONE}`,
  recordType: 'CNAME',
  targets: ['lb-1.elb.amazonaws.com'],
  resource: 'service/default/web',
  ...patch,
});
const actions = (plan: ReturnType<typeof planChanges>) =>
  plan.groups.flatMap((group) =>
    group.changes.map(
      (change) =>
        `${change.Action} ${change.ResourceRecordSet!.Name} ${change.ResourceRecordSet!.Type} ${change.ResourceRecordSet!.ResourceRecords!.map((r) => r.Value).join(',')}`,
    ),
  );

describe('planChanges', () => {
  it('creates the record and its registry record together', () => {
    const plan = planChanges(settings(), zone([]), [endpoint()]);
    expect(plan.groups).toHaveLength(1);
    expect(actions(plan)).toEqual([
      `CREATE web.${ZONE}. CNAME lb-1.elb.amazonaws.com`,
      `CREATE cname-web.${ZONE}. TXT "heritage=external-dns,external-dns/owner=me,external-dns/resource=service/default/web"`,
    ]);
  });

  it('does nothing when the zone already holds what the sources want', () => {
    const records = [
      cname(`web.${ZONE}`, 'lb-1.elb.amazonaws.com'),
      registry(`cname-web.${ZONE}`, 'me'),
    ];
    expect(planChanges(settings(), zone(records), [endpoint()])).toEqual({
      groups: [],
      skipped: [],
    });
  });

  it('takes over its old-format registry record by writing the new-format one', () => {
    const records = [cname(`web.${ZONE}`, 'lb-1.elb.amazonaws.com'), registry(`web.${ZONE}`, 'me')];
    expect(actions(planChanges(settings(), zone(records), [endpoint()]))).toEqual([
      `UPSERT cname-web.${ZONE}. TXT "heritage=external-dns,external-dns/owner=me,external-dns/resource=service/default/web"`,
    ]);
  });

  it('replaces its own CNAME with an A record when the target becomes an IP', () => {
    const records = [
      cname(`web.${ZONE}`, 'lb-1.elb.amazonaws.com'),
      registry(`cname-web.${ZONE}`, 'me'),
    ];
    const plan = planChanges(settings(), zone(records), [
      endpoint({ recordType: 'A', targets: ['192.0.2.1'] }),
    ]);
    expect(actions(plan)).toEqual([
      `DELETE web.${ZONE}. CNAME lb-1.elb.amazonaws.com`,
      `DELETE cname-web.${ZONE}. TXT "heritage=external-dns,external-dns/owner=me,external-dns/resource=service/default/web"`,
      `CREATE web.${ZONE}. A 192.0.2.1`,
      `CREATE a-web.${ZONE}. TXT "heritage=external-dns,external-dns/owner=me,external-dns/resource=service/default/web"`,
    ]);
  });

  it('leaves a name alone whose registry record another owner holds, even with the record gone', () => {
    const plan = planChanges(settings(), zone([registry(`cname-web.${ZONE}`, 'them')]), [
      endpoint(),
    ]);
    expect(plan.groups).toEqual([]);
    expect(plan.skipped).toEqual([
      `web.${ZONE} (service/default/web): its registry record cname-web.${ZONE} is owned by "them"; left alone`,
    ]);
  });

  it('never deletes under upsert-only, and neither updates nor deletes under create-only', () => {
    const records = [
      cname(`web.${ZONE}`, 'lb-1.elb.amazonaws.com'),
      registry(`cname-web.${ZONE}`, 'me'),
    ];
    expect(planChanges(settings({ policy: 'upsert-only' }), zone(records), []).groups).toEqual([]);
    const moved = [endpoint({ targets: ['lb-2.elb.amazonaws.com'] })];
    expect(planChanges(settings({ policy: 'create-only' }), zone(records), moved).groups).toEqual(
      [],
    );
    expect(actions(planChanges(settings({ policy: 'upsert-only' }), zone(records), moved))).toEqual(
      [
        `UPSERT web.${ZONE}. CNAME lb-2.elb.amazonaws.com`,
        `UPSERT cname-web.${ZONE}. TXT "heritage=external-dns,external-dns/owner=me,external-dns/resource=service/default/web"`,
      ],
    );
    expect(actions(planChanges(settings(), zone(records), []))).toEqual([
      `DELETE web.${ZONE}. CNAME lb-1.elb.amazonaws.com`,
      `DELETE cname-web.${ZONE}. TXT "heritage=external-dns,external-dns/owner=me,external-dns/resource=service/default/web"`,
    ]);
  });

  it('does not delete records of another owner or unowned ones under sync', () => {
    const records = [
      cname(`api.${ZONE}`, 'x.example.net'),
      registry(`cname-api.${ZONE}`, 'them'),
      cname(`hand.${ZONE}`, 'y.example.net'),
    ];
    expect(planChanges(settings(), zone(records), []).groups).toEqual([]);
  });

  it('skips a hostname whose registry name would have a label over 63 characters', () => {
    const long = 'x'.repeat(60);
    const plan = planChanges(settings(), zone([]), [endpoint({ dnsName: `${long}.${ZONE}` })]);
    expect(plan.groups).toEqual([]);
    expect(plan.skipped[0]).toContain('would have a label over 63 characters');
  });
});
