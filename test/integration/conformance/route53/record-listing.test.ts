// ListResourceRecordSets: AWS's ordering, 300-record pages, MaxItems and start positions.
import { ListResourceRecordSetsCommand, type Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConformanceTarget, type ConformanceTarget } from '../sandbox-target';
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

describe('ListResourceRecordSets', () => {
  it('pages through 650 records 300 at a time, each exactly once, in reversed-label order', async () => {
    const { id, name } = await createZone(route53, 'paging');
    const hosts = Array.from({ length: 650 }, (_, i) => `h${i}.s${i % 7}.${name}`);
    for (let i = 0; i < hosts.length; i += 250) {
      const batch = hosts.slice(i, i + 250);
      await changeRecords(
        route53,
        id,
        batch.map((host) => ({ Action: 'CREATE', ResourceRecordSet: aRecord(host) })),
      );
    }
    const first = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: id, MaxItems: 1000 }),
    );
    expect(first.ResourceRecordSets).toHaveLength(300);
    expect(first.IsTruncated).toBe(true);

    const records = await listAllRecords(route53, id);
    expect(records).toHaveLength(652);
    const keys = records.map(
      (r) => `${r.Name!.slice(0, -1).split('.').reverse().join('.')} ${r.Type}`,
    );
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    expect(records.slice(0, 2).map((r) => r.Type)).toEqual(['NS', 'SOA']);
  });

  it('honours MaxItems and reports NextRecordName/NextRecordType', async () => {
    const { id, name } = await createZone(route53);
    await changeRecords(route53, id, [
      { Action: 'CREATE', ResourceRecordSet: aRecord(`a.${name}`) },
      {
        Action: 'CREATE',
        ResourceRecordSet: {
          ...aRecord(`a.${name}`),
          Type: 'TXT',
          ResourceRecords: [{ Value: '"x"' }],
        },
      },
      { Action: 'CREATE', ResourceRecordSet: aRecord(`b.${name}`) },
    ]);
    const page = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: id, MaxItems: 3 }),
    );
    expect(page.ResourceRecordSets!.map((r) => `${r.Name} ${r.Type}`)).toEqual([
      `${name} NS`,
      `${name} SOA`,
      `a.${name} A`,
    ]);
    expect(page).toMatchObject({
      IsTruncated: true,
      NextRecordName: `a.${name}`,
      NextRecordType: 'TXT',
      MaxItems: 3,
    });
  });

  it('starts at StartRecordName/StartRecordType', async () => {
    const { id, name } = await createZone(route53);
    await changeRecords(
      route53,
      id,
      ['a', 'b', 'c'].map((h) => ({
        Action: 'CREATE',
        ResourceRecordSet: aRecord(`${h}.${name}`),
      })),
    );
    const fromB = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordName: `B.${name}` }),
    );
    expect(fromB.ResourceRecordSets!.map((r) => r.Name)).toEqual([`b.${name}`, `c.${name}`]);
    const fromBTxt = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: id,
        StartRecordName: `b.${name}`,
        StartRecordType: 'TXT',
      }),
    );
    expect(fromBTxt.ResourceRecordSets!.map((r) => r.Name)).toEqual([`c.${name}`]);
  });

  it('pages weighted sets by NextRecordIdentifier', async () => {
    const { id, name } = await createZone(route53);
    const weighted = ['blue', 'green', 'red'].map((SetIdentifier) => ({
      Action: 'CREATE' as const,
      ResourceRecordSet: { ...aRecord(`w.${name}`), SetIdentifier, Weight: 10 },
    }));
    await changeRecords(route53, id, weighted);
    const page = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: id,
        StartRecordName: `w.${name}`,
        StartRecordType: 'A',
        MaxItems: 1,
      }),
    );
    expect(page.ResourceRecordSets![0]!.SetIdentifier).toBe('blue');
    expect(page).toMatchObject({
      NextRecordName: `w.${name}`,
      NextRecordType: 'A',
      NextRecordIdentifier: 'green',
    });
    const next = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: id,
        StartRecordName: page.NextRecordName,
        StartRecordType: page.NextRecordType,
        StartRecordIdentifier: page.NextRecordIdentifier,
      }),
    );
    expect(next.ResourceRecordSets!.map((r) => r.SetIdentifier)).toEqual(['green', 'red']);
  });

  it('refuses StartRecordType without StartRecordName with InvalidInput', async () => {
    const { id } = await createZone(route53);
    await expectAwsError(
      route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordType: 'A' })),
      'InvalidInput',
      400,
    );
  });

  it('answers an unknown zone with NoSuchHostedZone', async () => {
    await expectAwsError(
      route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'Z0000000000000000000Q' })),
      'NoSuchHostedZone',
      404,
    );
  });
});
