// IAM managed policy versions through the real SDK: numbering v1..vN (never reused), the default
// version, the five-version limit, documents URL-encoded only where IAM returns them, and the
// errors for the default version, unknown versions and deleting a policy that still has versions.
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPolicyVersionsCommand,
  type Policy,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  iamClient,
  rejectionOf,
  removePolicy,
  startAwsTarget,
  uniqueName,
  type AwsTarget,
} from './aws-target';

const zonePolicy = (zoneId: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: "Zone's records",
        Effect: 'Allow',
        Action: ['route53:ChangeResourceRecordSets', 'route53:GetHostedZone'],
        Resource: `arn:aws:route53:::hostedzone/${zoneId}`,
      },
      { Effect: 'Allow', Action: 'route53:GetChange', Resource: 'arn:aws:route53:::change/*' },
    ],
  });

describe('IAM managed policy versions', () => {
  let target: AwsTarget;
  let iam: ReturnType<typeof iamClient>;
  const path = `/${uniqueName('zk-versions')}/`;
  const createdPolicies: string[] = [];

  async function createPolicy(): Promise<Policy> {
    const { Policy: policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: uniqueName('zk-versioned'),
        Path: path,
        PolicyDocument: zonePolicy('Z0000000000000000001'),
      }),
    );
    createdPolicies.push(policy!.Arn!);
    return policy!;
  }
  const createVersion = (arn: string, zoneId: string, setAsDefault?: boolean) =>
    iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        PolicyDocument: zonePolicy(zoneId),
        SetAsDefault: setAsDefault,
      }),
    );
  const versionIds = async (arn: string) =>
    ((await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? []).map(
      (v) => v.VersionId,
    );

  beforeAll(async () => {
    target = await startAwsTarget();
    iam = iamClient(target);
  });
  afterAll(async () => {
    for (const arn of createdPolicies) await removePolicy(iam, arn);
    await target.close();
  });

  it('numbers new versions v2, v3 and lists them newest first, without documents', async () => {
    const policy = await createPolicy();
    const { PolicyVersion: v2 } = await createVersion(policy.Arn!, 'Z0000000000000000002');
    expect(v2).toMatchObject({ VersionId: 'v2', IsDefaultVersion: false });
    expect(v2?.Document).toBeUndefined();
    expect(v2?.CreateDate).toBeInstanceOf(Date);
    await createVersion(policy.Arn!, 'Z0000000000000000003');

    const listed = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: policy.Arn }));
    expect(listed.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v3', false],
      ['v2', false],
      ['v1', true],
    ]);
    expect(listed.Versions?.every((v) => v.Document === undefined)).toBe(true);
    expect(listed.IsTruncated).toBe(false);
    const read = await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }));
    expect(read.Policy?.DefaultVersionId).toBe('v1');
  });

  it('makes a version created with SetAsDefault the one GetPolicy reports', async () => {
    const policy = await createPolicy();
    const { PolicyVersion: created } = await createVersion(
      policy.Arn!,
      'Z0000000000000000002',
      true,
    );
    expect(created).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    const read = await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }));
    expect(read.Policy?.DefaultVersionId).toBe('v2');

    const { PolicyVersion: v2 } = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v2' }),
    );
    expect(v2?.IsDefaultVersion).toBe(true);
    // URL-encoded as IAM returns it (RFC 3986): no raw braces, quotes or apostrophes.
    expect(v2?.Document).not.toMatch(/[{}"' ]/);
    expect(JSON.parse(decodeURIComponent(v2!.Document!))).toEqual(
      JSON.parse(zonePolicy('Z0000000000000000002')),
    );
    const { PolicyVersion: v1 } = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v1' }),
    );
    expect(v1?.IsDefaultVersion).toBe(false);
    expect(decodeURIComponent(v1!.Document!)).toContain('Z0000000000000000001');
  });

  it('refuses a sixth version (LimitExceeded, 409) and creates nothing', async () => {
    const policy = await createPolicy();
    for (let i = 2; i <= 5; i++) await createVersion(policy.Arn!, `Z000000000000000000${i}`);
    const error = await rejectionOf(createVersion(policy.Arn!, 'Z0000000000000000006', true));
    expect(error.name).toBe('LimitExceededException');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(await versionIds(policy.Arn!)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1']);
    const read = await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }));
    expect(read.Policy?.DefaultVersionId).toBe('v1');
  });

  it('deletes a non-default version and never reuses its id', async () => {
    const policy = await createPolicy();
    for (let i = 2; i <= 5; i++) await createVersion(policy.Arn!, `Z000000000000000000${i}`);
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v2' }));
    const { PolicyVersion: next } = await createVersion(policy.Arn!, 'Z0000000000000000006', true);
    expect(next?.VersionId).toBe('v6');
    expect(await versionIds(policy.Arn!)).toEqual(['v6', 'v5', 'v4', 'v3', 'v1']);
  });

  it('refuses to delete the default version (DeleteConflict, 409)', async () => {
    const policy = await createPolicy();
    await createVersion(policy.Arn!, 'Z0000000000000000002', true);
    const error = await rejectionOf(
      iam.send(new DeletePolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v2' })),
    );
    expect(error.name).toBe('DeleteConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(await versionIds(policy.Arn!)).toEqual(['v2', 'v1']);
  });

  it('reports an unknown version or policy as NoSuchEntity (404)', async () => {
    const policy = await createPolicy();
    for (const send of [
      () => iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v9' })),
      () => iam.send(new DeletePolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v9' })),
      () =>
        iam.send(
          new ListPolicyVersionsCommand({
            PolicyArn: `arn:aws:iam::123456789012:policy${path}${uniqueName('zk-none')}`,
          }),
        ),
    ]) {
      const error = await rejectionOf(send());
      expect(error.name).toBe('NoSuchEntityException');
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
  });

  it('refuses to delete a policy with versions besides the default (DeleteConflict, 409)', async () => {
    const policy = await createPolicy();
    await createVersion(policy.Arn!, 'Z0000000000000000002', true);
    const error = await rejectionOf(iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })));
    expect(error.name).toBe('DeleteConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);

    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v1' }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }));
    const gone = await rejectionOf(iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn })));
    expect(gone.name).toBe('NoSuchEntityException');
  });

  it('pages through versions with MaxItems and Marker', async () => {
    const policy = await createPolicy();
    for (let i = 2; i <= 4; i++) await createVersion(policy.Arn!, `Z000000000000000000${i}`);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(
        new ListPolicyVersionsCommand({ PolicyArn: policy.Arn, MaxItems: 3, Marker: marker }),
      );
      seen.push(...(page.Versions ?? []).map((v) => v.VersionId!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(seen).toEqual(['v4', 'v3', 'v2', 'v1']);
  });
});
