// Who may call IAM: requests without or with a malformed SigV4 header, unknown keys, and IAM
// users whose policies do or do not grant `iam:` actions.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  iamClient,
  rejectionOf,
  removePolicy,
  removeUser,
  startAwsTarget,
  uniqueName,
  waitUntilKeyAccepted,
  type AwsTarget,
} from './aws-target';

/** Rewrites the Authorization header after the SDK has signed, as a broken client would. */
function withAuthorization(client: IAMClient, authorization: string | undefined): IAMClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      delete headers.authorization;
      if (authorization !== undefined) headers.authorization = authorization;
      return next(args);
    },
    { step: 'deserialize', name: 'rewriteAuthorization' },
  );
  return client;
}

describe('IAM authentication and authorization', () => {
  let target: AwsTarget;
  let iam: ReturnType<typeof iamClient>;
  const userName = uniqueName('zk-self');
  let policyArn: string | undefined;
  let userCredentials: { accessKeyId: string; secretAccessKey: string };

  beforeAll(async () => {
    target = await startAwsTarget();
    iam = iamClient(target);
    await iam.send(new CreateUserCommand({ UserName: userName, Path: '/zonekeeper/' }));
    const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    userCredentials = { accessKeyId: key!.AccessKeyId!, secretAccessKey: key!.SecretAccessKey! };
    await waitUntilKeyAccepted(target, userCredentials);
  });
  afterAll(async () => {
    await removeUser(iam, userName);
    if (policyArn) await removePolicy(iam, policyArn);
    await target.close();
  });

  it('refuses a request without Authorization (MissingAuthenticationToken, 403)', async () => {
    const error = await rejectionOf(
      withAuthorization(iamClient(target), undefined).send(new ListUsersCommand({})),
    );
    expect(error.name).toBe('MissingAuthenticationToken');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  // AWS documents IncompleteSignature with HTTP 400 (IAM API reference, Common Errors).
  it('refuses an Authorization that is not SigV4 (IncompleteSignature, 400)', async () => {
    const error = await rejectionOf(
      withAuthorization(iamClient(target), 'AWS4-HMAC-SHA256 Signature=abc').send(
        new ListUsersCommand({}),
      ),
    );
    expect(error.name).toBe('IncompleteSignature');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses an unknown access key (InvalidClientTokenId, 403)', async () => {
    const stranger = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) };
    const error = await rejectionOf(iamClient(target, stranger).send(new ListUsersCommand({})));
    expect(error.name).toBe('InvalidClientTokenId');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('denies an IAM user without an iam: policy (AccessDenied, 403), allows once granted', async () => {
    const asUser = iamClient(target, userCredentials);
    const denied = await rejectionOf(asUser.send(new GetUserCommand({})));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata.httpStatusCode).toBe(403);

    const { Policy: policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: uniqueName('zk-self-read'),
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }],
        }),
      }),
    );
    policyArn = policy!.Arn!;
    await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn }));

    // Without UserName, GetUser describes the caller. Attachments propagate eventually on AWS.
    await expect
      .poll(async () => (await asUser.send(new GetUserCommand({}))).User?.UserName, {
        timeout: 30_000,
      })
      .toBe(userName);
    const stillDenied = await rejectionOf(asUser.send(new ListUsersCommand({})));
    expect(stillDenied.name).toBe('AccessDenied');
  });
});
