// ChangeResourceRecordSets: whole-batch validation, all-or-nothing application, batch limits.
import { type Change, type ResourceRecordSet, type Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConformanceTarget, type ConformanceTarget } from '../sandbox-target';
import {
  aRecord,
  changeRecords,
  createZone,
  expectAwsError,
  listAllRecords,
  recordRawResponses,
} from './route53-test-helpers';

let target: ConformanceTarget;
let route53: Route53Client;
beforeAll(async () => {
  target = await startConformanceTarget();
  route53 = target.route53();
});
afterAll(() => target.close());

async function zoneWithWww() {
  const zone = await createZone(route53, 'batch');
  await changeRecords(route53, zone.id, [
    { Action: 'CREATE', ResourceRecordSet: aRecord(`www.${zone.name}`, '192.0.2.1', 300) },
  ]);
  return zone;
}

/** Every page of the raw listing response bodies, so "unchanged" means byte-identical. */
async function rawListing(zoneId: string): Promise<string> {
  const recorder = recordRawResponses();
  const client = target.route53({ requestHandler: recorder.requestHandler });
  await listAllRecords(client, zoneId);
  // Request ids differ per response; everything else must match byte for byte.
  return recorder.bodies().join('\n');
}

const rejects = async (zoneId: string, changes: Change[], pattern: RegExp) =>
  expectAwsError(changeRecords(route53, zoneId, changes), 'InvalidChangeBatch', 400, pattern);

describe('ChangeResourceRecordSets validation', () => {
  it('refuses to CREATE an existing record set', async () => {
    const { id, name } = await zoneWithWww();
    await rejects(
      id,
      [{ Action: 'CREATE', ResourceRecordSet: aRecord(`www.${name}`) }],
      /but it already exists/,
    );
  });

  it('refuses to DELETE a missing record set', async () => {
    const { id, name } = await zoneWithWww();
    await rejects(
      id,
      [{ Action: 'DELETE', ResourceRecordSet: aRecord(`nope.${name}`) }],
      /but it was not found/,
    );
  });

  it('refuses a DELETE whose TTL or values do not match', async () => {
    const { id, name } = await zoneWithWww();
    await rejects(
      id,
      [{ Action: 'DELETE', ResourceRecordSet: aRecord(`www.${name}`, '192.0.2.1', 60) }],
      /do not match/,
    );
    await rejects(
      id,
      [{ Action: 'DELETE', ResourceRecordSet: aRecord(`www.${name}`, '192.0.2.9', 300) }],
      /do not match/,
    );
  });

  it('refuses names outside the zone', async () => {
    const { id, name } = await zoneWithWww();
    await rejects(
      id,
      [{ Action: 'CREATE', ResourceRecordSet: aRecord(`www.other-${name}`) }],
      /not permitted in zone/,
    );
  });

  it('refuses two changes to the same name, type and set identifier in one batch', async () => {
    const { id, name } = await zoneWithWww();
    await rejects(
      id,
      [
        { Action: 'CREATE', ResourceRecordSet: aRecord(`dup.${name}`) },
        { Action: 'UPSERT', ResourceRecordSet: aRecord(`dup.${name}`, '192.0.2.2') },
      ],
      /invalid set of changes/,
    );
  });

  it('refuses deleting the apex SOA or NS', async () => {
    const { id, name } = await zoneWithWww();
    const [ns, soa] = await listAllRecords(route53, id);
    await rejects(id, [{ Action: 'DELETE', ResourceRecordSet: soa! }], /exactly one SOA/);
    await rejects(id, [{ Action: 'DELETE', ResourceRecordSet: ns! }], /at least one NS/);
    expect(ns!.Name).toBe(name);
  });

  it('refuses invalid values and a CNAME at the apex', async () => {
    const { id, name } = await zoneWithWww();
    await rejects(
      id,
      [{ Action: 'CREATE', ResourceRecordSet: aRecord(`bad.${name}`, '300.1.1.1') }],
      /IPv4/,
    );
    await rejects(
      id,
      [
        {
          Action: 'CREATE',
          ResourceRecordSet: {
            Name: name,
            Type: 'CNAME',
            TTL: 60,
            ResourceRecords: [{ Value: 'x.test' }],
          },
        },
      ],
      /not permitted at apex/,
    );
  });

  it('reports every problem of a batch in one InvalidChangeBatch', async () => {
    const { id, name } = await zoneWithWww();
    const error = (await rejects(
      id,
      [
        { Action: 'CREATE', ResourceRecordSet: aRecord(`www.${name}`) },
        { Action: 'DELETE', ResourceRecordSet: aRecord(`gone.${name}`) },
      ],
      /already exists.*not found/,
    )) as { Messages?: unknown };
    expect(JSON.stringify(error.Messages)).toContain('not found');
  });

  it('refuses a change without TTL and values (or alias) with InvalidInput', async () => {
    const { id, name } = await zoneWithWww();
    await expectAwsError(
      changeRecords(route53, id, [
        { Action: 'CREATE', ResourceRecordSet: { Name: `x.${name}`, Type: 'A' } },
      ]),
      'InvalidInput',
      400,
    );
  });

  it('answers an unknown zone with NoSuchHostedZone', async () => {
    await expectAwsError(
      changeRecords(route53, 'Z0000000000000000000Q', [
        { Action: 'CREATE', ResourceRecordSet: aRecord('a.test') },
      ]),
      'NoSuchHostedZone',
      404,
    );
  });
});

describe('all-or-nothing application', () => {
  it('leaves the zone byte-identical when any change of the batch fails', async () => {
    const { id, name } = await zoneWithWww();
    const before = await rawListing(id);
    await rejects(
      id,
      [
        { Action: 'CREATE', ResourceRecordSet: aRecord(`new1.${name}`) },
        { Action: 'UPSERT', ResourceRecordSet: aRecord(`www.${name}`, '192.0.2.7') },
        { Action: 'DELETE', ResourceRecordSet: aRecord(`missing.${name}`) },
      ],
      /not found/,
    );
    expect(await rawListing(id)).toBe(before);
  });

  it('applies a valid batch completely, in order (DELETE then CREATE of the same name is one batch)', async () => {
    const { id, name } = await zoneWithWww();
    await changeRecords(route53, id, [
      { Action: 'DELETE', ResourceRecordSet: aRecord(`www.${name}`) },
      {
        Action: 'CREATE',
        ResourceRecordSet: {
          ...aRecord(`www.${name}`),
          Type: 'TXT',
          ResourceRecords: [{ Value: '"moved"' }],
        },
      },
      { Action: 'UPSERT', ResourceRecordSet: aRecord(`api.${name}`, '192.0.2.5') },
    ]);
    const records = await listAllRecords(route53, id);
    expect(
      records.slice(2).map((r) => `${r.Name} ${r.Type} ${r.ResourceRecords![0]!.Value}`),
    ).toEqual([`api.${name} A 192.0.2.5`, `www.${name} TXT "moved"`]);
  });
});

describe('batch limits', () => {
  const hosts = (count: number, name: string, prefix: string) =>
    Array.from({ length: count }, (_, i) => aRecord(`${prefix}${i}.${name}`));

  it('accepts 1,000 records and refuses 1,001', async () => {
    const { id, name } = await createZone(route53, 'limits');
    await rejects(
      id,
      hosts(1001, name, 'a').map((set) => ({ Action: 'CREATE', ResourceRecordSet: set })),
      /records limit of 1000/,
    );
    await changeRecords(
      route53,
      id,
      hosts(1000, name, 'a').map((set) => ({ Action: 'CREATE', ResourceRecordSet: set })),
    );
  });

  it('counts an UPSERT twice', async () => {
    const { id, name } = await createZone(route53, 'limits');
    await rejects(
      id,
      hosts(501, name, 'u').map((set) => ({ Action: 'UPSERT', ResourceRecordSet: set })),
      /records limit of 1000/,
    );
    await changeRecords(
      route53,
      id,
      hosts(500, name, 'u').map((set) => ({ Action: 'UPSERT', ResourceRecordSet: set })),
    );
  });

  it('refuses more than 32,000 characters of values (UPSERT counted twice)', async () => {
    const { id, name } = await createZone(route53, 'limits');
    const txt = (i: number): ResourceRecordSet => ({
      Name: `t${i}.${name}`,
      Type: 'TXT',
      TTL: 60,
      ResourceRecords: [{ Value: `"${'x'.repeat(198)}"` }],
    });
    const sets = Array.from({ length: 90 }, (_, i) => txt(i)); // 90 x 200 = 18,000 characters
    await changeRecords(
      route53,
      id,
      sets.map((set) => ({ Action: 'CREATE', ResourceRecordSet: set })),
    );
    await rejects(
      id,
      sets.map((set) => ({ Action: 'UPSERT', ResourceRecordSet: set })),
      /characters limit of 32000/,
    );
  });
});
