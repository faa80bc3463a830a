// Hosted zone lifecycle as the Route 53 API reference documents it, through the real SDK.
import {
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetHostedZoneCommand,
  GetHostedZoneCountCommand,
  ListHostedZonesCommand,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConformanceTarget, uniqueName, type ConformanceTarget } from '../sandbox-target';
import {
  aRecord,
  changeRecords,
  createZone,
  expectAwsError,
  listAllRecords,
} from './route53-test-helpers';

let target: ConformanceTarget;
let route53: Route53Client;
beforeAll(async () => {
  target = await startConformanceTarget();
  route53 = target.route53();
});
afterAll(() => target.close());

describe('CreateHostedZone', () => {
  it('normalises the name, returns a PENDING change and four name servers in four TLDs', async () => {
    const label = uniqueName('Acme');
    const created = await route53.send(
      new CreateHostedZoneCommand({
        Name: `${label}.Example.TEST`,
        CallerReference: uniqueName('ref'),
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.Location).toMatch(/\/2013-04-01\/hostedzone\/Z[A-Z0-9]{13,21}$/);
    expect(created.HostedZone?.Id).toMatch(/^\/hostedzone\/Z[A-Z0-9]{13,21}$/);
    expect(created.HostedZone?.Name).toBe(`${label.toLowerCase()}.example.test.`);
    expect(created.HostedZone?.ResourceRecordSetCount).toBe(2);
    expect(created.ChangeInfo?.Status).toBe('PENDING');
    const servers = created.DelegationSet?.NameServers ?? [];
    expect(servers).toHaveLength(4);
    const tlds = ['com', 'net', 'org', 'co.uk'];
    servers.forEach((server, i) =>
      expect(server).toMatch(new RegExp(`^ns-\\d+\\.awsdns-\\d{2}\\.${tlds[i]}$`)),
    );
  });

  it('holds exactly the apex SOA (TTL 900) and NS (TTL 172800) naming its own servers', async () => {
    const { id, name, created } = await createZone(route53);
    const records = await listAllRecords(route53, id);
    expect(records.map((r) => [r.Name, r.Type, r.TTL])).toEqual([
      [name, 'NS', 172800],
      [name, 'SOA', 900],
    ]);
    const servers = created.DelegationSet!.NameServers!.map((ns) => `${ns}.`);
    expect(records[0]!.ResourceRecords!.map((r) => r.Value)).toEqual(servers);
    expect(records[1]!.ResourceRecords![0]!.Value).toMatch(
      / awsdns-hostmaster\.amazon\.com\. 1 7200 900 1209600 86400$/,
    );
  });

  it('gives each zone its own delegation set', async () => {
    const first = await createZone(route53);
    const second = await createZone(route53);
    expect(first.created.DelegationSet?.NameServers).not.toEqual(
      second.created.DelegationSet?.NameServers,
    );
  });

  it('answers a reused CallerReference with HostedZoneAlreadyExists (409) and creates nothing', async () => {
    const callerReference = uniqueName('reused');
    const name = `${uniqueName('dup')}.conformance.test`;
    await route53.send(
      new CreateHostedZoneCommand({ Name: name, CallerReference: callerReference }),
    );
    const before = await route53.send(new GetHostedZoneCountCommand({}));
    await expectAwsError(
      route53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: callerReference })),
      'HostedZoneAlreadyExists',
      409,
    );
    const after = await route53.send(new GetHostedZoneCountCommand({}));
    expect(after.HostedZoneCount).toBe(before.HostedZoneCount);
  });

  it('refuses names that are not domain names with InvalidDomainName', async () => {
    for (const Name of ['bad..name.test', 'x'.repeat(64) + '.test', 'singlelabel']) {
      await expectAwsError(
        route53.send(new CreateHostedZoneCommand({ Name, CallerReference: uniqueName('ref') })),
        'InvalidDomainName',
        400,
      );
    }
  });

  it('refuses a CallerReference over 128 characters with InvalidInput', async () => {
    await expectAwsError(
      route53.send(
        new CreateHostedZoneCommand({
          Name: `${uniqueName('z')}.test`,
          CallerReference: 'r'.repeat(129),
        }),
      ),
      'InvalidInput',
      400,
    );
  });
});

describe('GetHostedZone', () => {
  it('accepts both the bare id and the /hostedzone/ form', async () => {
    const { id, name } = await createZone(route53);
    const bare = id.replace('/hostedzone/', '');
    for (const Id of [id, bare]) {
      const zone = await route53.send(new GetHostedZoneCommand({ Id }));
      expect(zone.HostedZone?.Name).toBe(name);
      expect(zone.DelegationSet?.NameServers).toHaveLength(4);
    }
  });

  it('answers an unknown zone with NoSuchHostedZone (404)', async () => {
    await expectAwsError(
      route53.send(new GetHostedZoneCommand({ Id: 'Z0000000000000000000Q' })),
      'NoSuchHostedZone',
      404,
    );
  });
});

describe('DeleteHostedZone', () => {
  it('refuses a zone with non-apex records (HostedZoneNotEmpty), then deletes it once emptied', async () => {
    const { id, name } = await createZone(route53);
    await changeRecords(route53, id, [
      { Action: 'CREATE', ResourceRecordSet: aRecord(`www.${name}`) },
    ]);
    await expectAwsError(
      route53.send(new DeleteHostedZoneCommand({ Id: id })),
      'HostedZoneNotEmpty',
      400,
    );
    await changeRecords(route53, id, [
      { Action: 'DELETE', ResourceRecordSet: aRecord(`www.${name}`) },
    ]);
    const deleted = await route53.send(new DeleteHostedZoneCommand({ Id: id }));
    expect(deleted.ChangeInfo?.Status).toBe('PENDING');
    await expectAwsError(
      route53.send(new GetHostedZoneCommand({ Id: id })),
      'NoSuchHostedZone',
      404,
    );
    await expectAwsError(
      route53.send(new DeleteHostedZoneCommand({ Id: id })),
      'NoSuchHostedZone',
      404,
    );
  });
});

describe('GetHostedZoneCount and ListHostedZones', () => {
  it('counts zones and pages through all of them with MaxItems and markers', async () => {
    for (let i = 0; i < 5; i++) await createZone(route53, 'count');
    const { HostedZoneCount } = await route53.send(new GetHostedZoneCountCommand({}));
    const seen: string[] = [];
    let Marker: string | undefined;
    for (;;) {
      const page = await route53.send(new ListHostedZonesCommand({ MaxItems: 2, Marker }));
      expect(page.HostedZones!.length).toBeLessThanOrEqual(2);
      expect(page.MaxItems).toBe(2);
      seen.push(...page.HostedZones!.map((zone) => zone.Id!));
      if (!page.IsTruncated) break;
      expect(page.NextMarker).toBeDefined();
      Marker = page.NextMarker;
    }
    expect(seen).toHaveLength(HostedZoneCount!);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a malformed MaxItems with InvalidInput', async () => {
    await expectAwsError(
      route53.send(new ListHostedZonesCommand({ MaxItems: 0 })),
      'InvalidInput',
      400,
    );
  });
});
