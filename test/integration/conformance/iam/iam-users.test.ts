// IAM users through the real @aws-sdk/client-iam: create, read, list with paths and pages,
// and the errors IAM raises for duplicates, unknown users and deletes that would orphan state.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  ListUsersCommand,
  type User,
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

const ALLOW_GET_ZONE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'route53:GetHostedZone', Resource: '*' }],
});

describe('IAM users', () => {
  let target: AwsTarget;
  let iam: ReturnType<typeof iamClient>;
  const path = `/${uniqueName('zk-users')}/`;
  const createdUsers: string[] = [];
  const createdPolicies: string[] = [];

  async function createUser(prefix: string): Promise<User> {
    const userName = uniqueName(prefix);
    createdUsers.push(userName);
    const { User: user } = await iam.send(
      new CreateUserCommand({ UserName: userName, Path: path }),
    );
    return user!;
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

  it('creates a user under a path with tags, and reads it back', async () => {
    const userName = uniqueName('zk-user');
    createdUsers.push(userName);
    const created = await iam.send(
      new CreateUserCommand({
        UserName: userName,
        Path: path,
        Tags: [{ Key: 'zonekeeper:org', Value: 'acme' }],
      }),
    );
    expect(created.User).toMatchObject({ UserName: userName, Path: path });
    expect(created.User?.Arn).toMatch(new RegExp(`^arn:aws:iam::\\d{12}:user${path}${userName}$`));
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);

    const read = await iam.send(new GetUserCommand({ UserName: userName }));
    expect(read.User).toMatchObject({ UserName: userName, UserId: created.User?.UserId });
    expect(read.User?.Tags).toEqual([{ Key: 'zonekeeper:org', Value: 'acme' }]);
  });

  it('refuses a second user with the same name (EntityAlreadyExists, 409)', async () => {
    const user = await createUser('zk-dup');
    const error = await rejectionOf(iam.send(new CreateUserCommand({ UserName: user.UserName })));
    expect(error.name).toBe('EntityAlreadyExistsException');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('reports an unknown user as NoSuchEntity (404)', async () => {
    const error = await rejectionOf(
      iam.send(new GetUserCommand({ UserName: uniqueName('zk-missing') })),
    );
    expect(error.name).toBe('NoSuchEntityException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses a user name IAM does not allow (ValidationError, 400)', async () => {
    const error = await rejectionOf(iam.send(new CreateUserCommand({ UserName: 'no spaces' })));
    expect(error.name).toBe('ValidationError');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('lists users by path prefix, one page at a time with Marker', async () => {
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await createUser(`zk-page${i}`)).UserName);

    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(
        new ListUsersCommand({ PathPrefix: path, MaxItems: 2, Marker: marker }),
      );
      pages += 1;
      seen.push(...(page.Users ?? []).map((user) => user.UserName!));
      expect(page.IsTruncated).toBe(page.Marker !== undefined);
      marker = page.Marker;
    } while (marker);

    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(expect.arrayContaining(names));
    expect(new Set(seen).size).toBe(seen.length);
    const elsewhere = await iam.send(new ListUsersCommand({ PathPrefix: `${path}nested/` }));
    expect(elsewhere.Users).toEqual([]);
  });

  it('refuses to delete a user that still has an access key (DeleteConflict, 409)', async () => {
    const user = await createUser('zk-keyed');
    const { AccessKey: key } = await iam.send(
      new CreateAccessKeyCommand({ UserName: user.UserName }),
    );
    const error = await rejectionOf(iam.send(new DeleteUserCommand({ UserName: user.UserName })));
    expect(error.name).toBe('DeleteConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);

    await iam.send(
      new DeleteAccessKeyCommand({ UserName: user.UserName, AccessKeyId: key?.AccessKeyId }),
    );
    await iam.send(new DeleteUserCommand({ UserName: user.UserName }));
    const gone = await rejectionOf(iam.send(new GetUserCommand({ UserName: user.UserName })));
    expect(gone.name).toBe('NoSuchEntityException');
  });

  it('refuses to delete a user with an attached policy (DeleteConflict, 409)', async () => {
    const user = await createUser('zk-attached');
    const { Policy: policy } = await iam.send(
      new CreatePolicyCommand({ PolicyName: uniqueName('zk-pol'), PolicyDocument: ALLOW_GET_ZONE }),
    );
    createdPolicies.push(policy!.Arn!);
    await iam.send(
      new AttachUserPolicyCommand({ UserName: user.UserName, PolicyArn: policy?.Arn }),
    );

    const error = await rejectionOf(iam.send(new DeleteUserCommand({ UserName: user.UserName })));
    expect(error.name).toBe('DeleteConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);

    await iam.send(
      new DetachUserPolicyCommand({ UserName: user.UserName, PolicyArn: policy?.Arn }),
    );
    await iam.send(new DeleteUserCommand({ UserName: user.UserName }));
  });
});
