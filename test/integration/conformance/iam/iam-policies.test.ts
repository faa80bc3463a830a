// IAM managed policies through the real SDK: create, read (document URL-encoded as IAM returns
// it), list, attach and detach, and the errors for malformed documents and attached deletes.
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedUserPoliciesCommand,
  ListPoliciesCommand,
  type Policy,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  iamClient,
  rejectionOf,
  removePolicy,
  removeUser,
  startAwsTarget,
  uniqueName,
  type AwsTarget,
} from './aws-target';

const document = (statement: unknown) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const ZONE_POLICY = document({
  Effect: 'Allow',
  Action: ['route53:GetHostedZone', 'route53:ChangeResourceRecordSets'],
  Resource: 'arn:aws:route53:::hostedzone/Z0000000000000000001',
});

describe('IAM managed policies', () => {
  let target: AwsTarget;
  let iam: ReturnType<typeof iamClient>;
  const path = `/${uniqueName('zk-policies')}/`;
  const createdPolicies: string[] = [];
  const createdUsers: string[] = [];

  async function createPolicy(prefix: string, policyDocument = ZONE_POLICY): Promise<Policy> {
    const { Policy: policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: uniqueName(prefix),
        Path: path,
        PolicyDocument: policyDocument,
      }),
    );
    createdPolicies.push(policy!.Arn!);
    return policy!;
  }
  async function createUser(): Promise<string> {
    const userName = uniqueName('zk-holder');
    createdUsers.push(userName);
    await iam.send(new CreateUserCommand({ UserName: userName, Path: path }));
    return userName;
  }

  beforeAll(async () => {
    target = await startAwsTarget();
    iam = iamClient(target);
  });
  afterAll(async () => {
    for (const userName of createdUsers) await removeUser(iam, userName);
    for (const arn of createdPolicies) await removePolicy(iam, arn);
    await target.close();
  });

  it('creates a policy with an IAM ARN and id, and returns its document URL-encoded', async () => {
    const policy = await createPolicy('zk-zone');
    expect(policy.Arn).toMatch(
      new RegExp(`^arn:aws:iam::\\d{12}:policy${path}${policy.PolicyName}$`),
    );
    expect(policy.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    expect(policy).toMatchObject({ DefaultVersionId: 'v1', AttachmentCount: 0, Path: path });

    const { PolicyVersion: version } = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v1' }),
    );
    expect(version?.IsDefaultVersion).toBe(true);
    expect(version?.Document).not.toContain('{');
    expect(JSON.parse(decodeURIComponent(version!.Document!))).toEqual(JSON.parse(ZONE_POLICY));
  });

  it('refuses a second policy with the same name (EntityAlreadyExists, 409)', async () => {
    const policy = await createPolicy('zk-dup');
    const error = await rejectionOf(
      iam.send(
        new CreatePolicyCommand({ PolicyName: policy.PolicyName, PolicyDocument: ZONE_POLICY }),
      ),
    );
    expect(error.name).toBe('EntityAlreadyExistsException');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it.each([
    ['invalid JSON', '{"Version": "2012-10-17", "Statement": ['],
    [
      'no Version',
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    ],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' })],
    ['an Effect other than Allow/Deny', document({ Effect: 'Permit', Action: '*', Resource: '*' })],
  ])('refuses a document with %s (MalformedPolicyDocument, 400)', async (_case, bad) => {
    const error = await rejectionOf(
      iam.send(new CreatePolicyCommand({ PolicyName: uniqueName('zk-bad'), PolicyDocument: bad })),
    );
    expect(error.name).toBe('MalformedPolicyDocumentException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('reports an unknown policy as NoSuchEntity (404)', async () => {
    const arn = `arn:aws:iam::123456789012:policy${path}${uniqueName('zk-none')}`;
    const error = await rejectionOf(iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    expect(error.name).toBe('NoSuchEntityException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('lists local policies by path prefix, one page at a time', async () => {
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await createPolicy(`zk-list${i}`)).PolicyName);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(
        new ListPoliciesCommand({ Scope: 'Local', PathPrefix: path, MaxItems: 2, Marker: marker }),
      );
      seen.push(...(page.Policies ?? []).map((policy) => policy.PolicyName!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(seen).toEqual(expect.arrayContaining(names));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('attaches and detaches, counting attachments', async () => {
    const policy = await createPolicy('zk-attach');
    const userName = await createUser();
    await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Arn }));

    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName }));
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: policy.PolicyName, PolicyArn: policy.Arn },
    ]);
    const read = await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }));
    expect(read.Policy?.AttachmentCount).toBe(1);

    await iam.send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Arn }));
    const after = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName }));
    expect(after.AttachedPolicies).toEqual([]);
  });

  it('refuses to attach a policy that does not exist (NoSuchEntity, 404)', async () => {
    const userName = await createUser();
    const arn = `arn:aws:iam::123456789012:policy${path}${uniqueName('zk-none')}`;
    const error = await rejectionOf(
      iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: arn })),
    );
    expect(error.name).toBe('NoSuchEntityException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses to detach a policy that is not attached (NoSuchEntity, 404)', async () => {
    const policy = await createPolicy('zk-detached');
    const userName = await createUser();
    const error = await rejectionOf(
      iam.send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Arn })),
    );
    expect(error.name).toBe('NoSuchEntityException');
  });

  it('refuses to delete a policy still attached (DeleteConflict, 409), then deletes it', async () => {
    const policy = await createPolicy('zk-inuse');
    const userName = await createUser();
    await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Arn }));

    const error = await rejectionOf(iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })));
    expect(error.name).toBe('DeleteConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);

    await iam.send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Arn }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }));
    const gone = await rejectionOf(iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn })));
    expect(gone.name).toBe('NoSuchEntityException');
  });
});
