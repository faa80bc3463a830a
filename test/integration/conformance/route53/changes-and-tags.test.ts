// GetChange (PENDING, then INSYNC) and hosted zone tags.
import {
  ChangeTagsForResourceCommand,
  GetChangeCommand,
  ListTagsForResourceCommand,
  ListTagsForResourcesCommand,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConformanceTarget, type ConformanceTarget } from '../sandbox-target';
import { aRecord, changeRecords, createZone, expectAwsError } from './route53-test-helpers';

let target: ConformanceTarget;
let route53: Route53Client;
beforeAll(async () => {
  target = await startConformanceTarget({ pendingMs: 300 });
  route53 = target.route53();
});
afterAll(() => target.close());

describe('GetChange', () => {
  it('reports PENDING until the change has propagated, then INSYNC', async () => {
    const { id, name } = await createZone(route53);
    const { ChangeInfo } = await changeRecords(route53, id, [
      { Action: 'CREATE', ResourceRecordSet: aRecord(`www.${name}`) },
    ]);
    expect(ChangeInfo?.Id).toMatch(/^\/change\/C[A-Z0-9]+$/);
    expect(ChangeInfo?.Status).toBe('PENDING');
    const pending = await route53.send(new GetChangeCommand({ Id: ChangeInfo!.Id }));
    expect(pending.ChangeInfo).toMatchObject({ Id: ChangeInfo!.Id, Status: 'PENDING' });
    expect(pending.ChangeInfo?.SubmittedAt).toBeInstanceOf(Date);
    const deadline = Date.now() + 10_000;
    let status = pending.ChangeInfo?.Status;
    while (status === 'PENDING' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const bare = ChangeInfo!.Id!.replace('/change/', '');
      status = (await route53.send(new GetChangeCommand({ Id: bare }))).ChangeInfo?.Status;
    }
    expect(status).toBe('INSYNC');
  });

  it('answers an unknown change with NoSuchChange (404)', async () => {
    await expectAwsError(
      route53.send(new GetChangeCommand({ Id: 'C0000000000000000000Q' })),
      'NoSuchChange',
      404,
    );
  });
});

describe('tags', () => {
  it('adds, replaces, removes and lists tags of a hosted zone', async () => {
    const { id } = await createZone(route53);
    const ResourceId = id.replace('/hostedzone/', '');
    await route53.send(
      new ChangeTagsForResourceCommand({
        ResourceType: 'hostedzone',
        ResourceId,
        AddTags: [
          { Key: 'org', Value: 'acme' },
          { Key: 'env', Value: 'dev' },
        ],
      }),
    );
    await route53.send(
      new ChangeTagsForResourceCommand({
        ResourceType: 'hostedzone',
        ResourceId,
        AddTags: [{ Key: 'env', Value: 'prod' }],
        RemoveTagKeys: ['org'],
      }),
    );
    const listed = await route53.send(
      new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId }),
    );
    expect(listed.ResourceTagSet).toEqual({
      ResourceType: 'hostedzone',
      ResourceId,
      Tags: [{ Key: 'env', Value: 'prod' }],
    });
  });

  it('lists tags of several zones at once', async () => {
    const zones = [await createZone(route53), await createZone(route53)];
    const ids = zones.map((zone) => zone.id.replace('/hostedzone/', ''));
    await route53.send(
      new ChangeTagsForResourceCommand({
        ResourceType: 'hostedzone',
        ResourceId: ids[0],
        AddTags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    const listed = await route53.send(
      new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: ids }),
    );
    expect(listed.ResourceTagSets?.map((set) => [set.ResourceId, set.Tags?.length ?? 0])).toEqual([
      [ids[0], 1],
      [ids[1], 0],
    ]);
  });

  it('answers tags of an unknown zone with NoSuchHostedZone', async () => {
    await expectAwsError(
      route53.send(
        new ListTagsForResourceCommand({
          ResourceType: 'hostedzone',
          ResourceId: 'Z0000000000000000000Q',
        }),
      ),
      'NoSuchHostedZone',
      404,
    );
  });
});
