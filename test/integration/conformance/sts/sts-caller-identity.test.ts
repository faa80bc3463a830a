// STS GetCallerIdentity through the real @aws-sdk/client-sts: who a key belongs to, and which
// keys AWS refuses (unknown, not yet active, deactivated, deleted).
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  externalAwsTarget,
  iamClient,
  rejectionOf,
  removeUser,
  startAwsTarget,
  stsClient,
  TEST_KEY_ACTIVATION_DELAY_MS,
  uniqueName,
  waitUntilKeyAccepted,
  type AwsTarget,
} from '../iam/aws-target';

describe('STS GetCallerIdentity', () => {
  let target: AwsTarget;
  let iam: ReturnType<typeof iamClient>;
  const createdUsers: string[] = [];

  async function createUserWithKey() {
    const userName = uniqueName('zk-sts');
    createdUsers.push(userName);
    const { User: user } = await iam.send(
      new CreateUserCommand({ UserName: userName, Path: '/zonekeeper/' }),
    );
    const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    const credentials = { accessKeyId: key!.AccessKeyId!, secretAccessKey: key!.SecretAccessKey! };
    return { user: user!, credentials };
  }

  beforeAll(async () => {
    target = await startAwsTarget();
    iam = iamClient(target);
  });
  afterAll(async () => {
    for (const userName of createdUsers) await removeUser(iam, userName);
    await target.close();
  });

  it('identifies the platform credentials', async () => {
    const identity = await stsClient(target).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toMatch(/^\d{12}$/);
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:iam::${identity.Account}:`));
    expect(identity.UserId).toBeTruthy();
  });

  it("identifies an IAM user's key once it is active", async () => {
    const { user, credentials } = await createUserWithKey();
    const identity = await waitUntilKeyAccepted(target, credentials);
    expect(identity).toMatchObject({ Arn: user.Arn, UserId: user.UserId });
    expect(user.Arn).toContain(`:${identity.Account}:`);
  });

  // The activation delay is the sandbox's model of IAM's eventual consistency; another
  // implementation's timing cannot be controlled, so this runs against the sandbox only.
  it.skipIf(externalAwsTarget)(
    'refuses a new key until the activation delay has passed (InvalidClientTokenId, 403)',
    async () => {
      const { credentials } = await createUserWithKey();
      const early = await rejectionOf(
        stsClient(target, credentials).send(new GetCallerIdentityCommand({})),
      );
      expect(early.name).toBe('InvalidClientTokenId');
      expect(early.$metadata.httpStatusCode).toBe(403);

      await new Promise((resolve) => setTimeout(resolve, TEST_KEY_ACTIVATION_DELAY_MS + 50));
      const identity = await stsClient(target, credentials).send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toContain(':user/zonekeeper/');
    },
  );

  it('refuses an unknown key (InvalidClientTokenId, 403)', async () => {
    const stranger = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) };
    const error = await rejectionOf(
      stsClient(target, stranger).send(new GetCallerIdentityCommand({})),
    );
    expect(error.name).toBe('InvalidClientTokenId');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('refuses a deactivated key and accepts it again once reactivated', async () => {
    const { user, credentials } = await createUserWithKey();
    await waitUntilKeyAccepted(target, credentials);
    const keyRef = { UserName: user.UserName, AccessKeyId: credentials.accessKeyId };
    const sts = stsClient(target, credentials);

    await iam.send(new UpdateAccessKeyCommand({ ...keyRef, Status: 'Inactive' }));
    await expect
      .poll(async () => (await rejectionOf(sts.send(new GetCallerIdentityCommand({})))).name, {
        timeout: 30_000,
      })
      .toBe('InvalidClientTokenId');

    await iam.send(new UpdateAccessKeyCommand({ ...keyRef, Status: 'Active' }));
    await waitUntilKeyAccepted(target, credentials);
  });

  it('refuses a deleted key', async () => {
    const { user, credentials } = await createUserWithKey();
    await waitUntilKeyAccepted(target, credentials);
    await iam.send(
      new DeleteAccessKeyCommand({ UserName: user.UserName, AccessKeyId: credentials.accessKeyId }),
    );
    await expect
      .poll(
        async () =>
          (await rejectionOf(stsClient(target, credentials).send(new GetCallerIdentityCommand({}))))
            .name,
        { timeout: 30_000 },
      )
      .toBe('InvalidClientTokenId');
  });
});
