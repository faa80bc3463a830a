// Who is calling: missing and unknown credentials, and IAM policies scoping a key to its own zone.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import {
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isExternalTarget,
  startConformanceTarget,
  uniqueName,
  type ConformanceTarget,
} from '../sandbox-target';
import { aRecord, changeRecords, createZone, expectAwsError } from './route53-test-helpers';

let target: ConformanceTarget;
let route53: Route53Client;
beforeAll(async () => {
  target = await startConformanceTarget();
  route53 = target.route53();
});
afterAll(() => target.close());

describe('authentication', () => {
  it('answers an unsigned request with 403 MissingAuthenticationToken', async () => {
    const response = await fetch(`${target.endpoint}/2013-04-01/hostedzonecount`);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(body).toContain('<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">');
  });

  it('answers an unknown access key with 403 InvalidClientTokenId', async () => {
    const stranger = target.route53({
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' },
    });
    await expectAwsError(
      stranger.send(new ListHostedZonesCommand({})),
      'InvalidClientTokenId',
      403,
    );
  });
});

// Creating an IAM user needs the IAM endpoint of the same account, which the external target
// variables do not name; the in-process sandbox has both.
describe.skipIf(isExternalTarget)('IAM-scoped access', () => {
  it("lets an org's key use its own zone and refuses another org's zone with AccessDenied", async () => {
    const own = await createZone(route53, 'own');
    const other = await createZone(route53, 'other');
    const ownId = own.id.replace('/hostedzone/', '');
    const iam = new IAMClient({
      endpoint: target.sandbox!.endpoints.iam,
      region: 'us-east-1',
      credentials: target.credentials,
    });
    const userName = uniqueName('zonekeeper-test-org');
    await iam.send(new CreateUserCommand({ UserName: userName, Path: '/zonekeeper/' }));
    const policy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: userName,
        Path: '/zonekeeper/',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: [
                'route53:ChangeResourceRecordSets',
                'route53:ListResourceRecordSets',
                'route53:GetHostedZone',
              ],
              Resource: `arn:aws:route53:::hostedzone/${ownId}`,
            },
            { Effect: 'Allow', Action: ['route53:ListHostedZones'], Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['route53:GetChange'],
              Resource: 'arn:aws:route53:::change/*',
            },
          ],
        }),
      }),
    );
    await iam.send(
      new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Policy!.Arn }),
    );
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    iam.destroy();
    const orgClient = target.route53({
      credentials: {
        accessKeyId: key.AccessKey!.AccessKeyId!,
        secretAccessKey: key.AccessKey!.SecretAccessKey!,
      },
    });

    const change = await changeRecords(orgClient, own.id, [
      { Action: 'CREATE', ResourceRecordSet: aRecord(`www.${own.name}`) },
    ]);
    await orgClient.send(new GetChangeCommand({ Id: change.ChangeInfo!.Id }));
    await orgClient.send(new GetHostedZoneCommand({ Id: own.id }));
    await orgClient.send(new ListHostedZonesCommand({}));

    const denied = await expectAwsError(
      orgClient.send(new GetHostedZoneCommand({ Id: other.id })),
      'AccessDenied',
      403,
      /is not authorized to perform: route53:GetHostedZone on resource: arn:aws:route53:::hostedzone\//,
    );
    expect(denied?.message).toContain(userName);
    await expectAwsError(
      orgClient.send(new ListResourceRecordSetsCommand({ HostedZoneId: other.id })),
      'AccessDenied',
      403,
    );
    await expectAwsError(
      changeRecords(orgClient, other.id, [
        { Action: 'CREATE', ResourceRecordSet: aRecord(`evil.${other.name}`) },
      ]),
      'AccessDenied',
      403,
    );
    // Authorisation comes before existence: an unknown zone id is refused, not reported missing.
    await expectAwsError(
      orgClient.send(new GetHostedZoneCommand({ Id: 'Z0000000000000000000Q' })),
      'AccessDenied',
      403,
    );
  });
});
