// IAM access keys through the real SDK: shape of ids and secrets, the two-key quota,
// activation state, and deletion.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  iamClient,
  rejectionOf,
  removeUser,
  startAwsTarget,
  uniqueName,
  type AwsTarget,
} from './aws-target';

describe('IAM access keys', () => {
  let target: AwsTarget;
  let iam: ReturnType<typeof iamClient>;
  const createdUsers: string[] = [];

  async function createUser(): Promise<string> {
    const userName = uniqueName('zk-keys');
    createdUsers.push(userName);
    await iam.send(new CreateUserCommand({ UserName: userName, Path: '/zonekeeper/' }));
    return userName;
  }

  beforeAll(async () => {
    target = await startAwsTarget();
    iam = iamClient(target);
  });
  afterAll(async () => {
    for (const userName of createdUsers) await removeUser(iam, userName);
    await target.close();
  });

  it('creates an active key shaped like AWS long-term credentials', async () => {
    const userName = await createUser();
    const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    expect(key?.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(key?.SecretAccessKey).toHaveLength(40);
    expect(key).toMatchObject({ UserName: userName, Status: 'Active' });
  });

  it('refuses a third key for one user (LimitExceeded, 409)', async () => {
    const userName = await createUser();
    await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    const error = await rejectionOf(iam.send(new CreateAccessKeyCommand({ UserName: userName })));
    expect(error.name).toBe('LimitExceededException');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('lists keys without their secrets', async () => {
    const userName = await createUser();
    const { AccessKey: first } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    const { AccessKey: second } = await iam.send(
      new CreateAccessKeyCommand({ UserName: userName }),
    );
    const { AccessKeyMetadata: keys } = await iam.send(
      new ListAccessKeysCommand({ UserName: userName }),
    );
    expect(keys?.map((key) => key.AccessKeyId).sort()).toEqual(
      [first?.AccessKeyId, second?.AccessKeyId].sort(),
    );
    for (const key of keys ?? []) {
      expect(key).toMatchObject({ UserName: userName, Status: 'Active' });
      expect(key).not.toHaveProperty('SecretAccessKey');
    }
  });

  it('deactivates and reactivates a key', async () => {
    const userName = await createUser();
    const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    const keyRef = { UserName: userName, AccessKeyId: key?.AccessKeyId };

    await iam.send(new UpdateAccessKeyCommand({ ...keyRef, Status: 'Inactive' }));
    const inactive = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
    expect(inactive.AccessKeyMetadata?.[0]?.Status).toBe('Inactive');

    await iam.send(new UpdateAccessKeyCommand({ ...keyRef, Status: 'Active' }));
    const active = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
    expect(active.AccessKeyMetadata?.[0]?.Status).toBe('Active');
  });

  it('deletes a key, after which it is unknown (NoSuchEntity, 404)', async () => {
    const userName = await createUser();
    const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    const keyRef = { UserName: userName, AccessKeyId: key?.AccessKeyId };
    await iam.send(new DeleteAccessKeyCommand(keyRef));

    const listed = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
    expect(listed.AccessKeyMetadata).toEqual([]);
    const error = await rejectionOf(iam.send(new DeleteAccessKeyCommand(keyRef)));
    expect(error.name).toBe('NoSuchEntityException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('reports keys of an unknown user as NoSuchEntity (404)', async () => {
    const error = await rejectionOf(
      iam.send(new CreateAccessKeyCommand({ UserName: uniqueName('zk-missing') })),
    );
    expect(error.name).toBe('NoSuchEntityException');
  });
});
