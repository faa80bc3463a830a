// IAM adapter: the policy, user and access-key operations of one organization's identity,
// retried on throttling, 5xx and network errors; "already exists" and "no such" are reported
// as values so callers can adopt or skip.
import 'server-only';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { awsClients } from './aws-clients';
import { isRetryableCloudError, toAwsCloudError } from './aws-error';
import { isCloudError } from './cloud-error';
import { withRetry } from './with-retry';

// Every command class of one client; each call site names the output type it reads.
type AnyCommand = { readonly input: object };

async function send<T>(command: AnyCommand): Promise<T> {
  const { iam } = awsClients();
  return withRetry(async () => {
    try {
      return (await iam.send(command as never)) as T;
    } catch (error) {
      throw toAwsCloudError('iam', error);
    }
  }, isRetryableCloudError);
}

async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (isCloudError(error, 'NoSuchEntity')) return null;
    throw error;
  }
}

export interface AccessKeySummary {
  accessKeyId: string;
  createdAt: Date | undefined;
}

/** Creates the policy; `created: false` when one with this name already existed (adopted). */
export async function createPolicy(
  name: string,
  path: string,
  document: string,
  arnIfExists: string,
) {
  try {
    const out = await send<{ Policy?: { Arn?: string } }>(
      new CreatePolicyCommand({ PolicyName: name, Path: path, PolicyDocument: document }),
    );
    return { arn: out.Policy?.Arn ?? arnIfExists, created: true };
  } catch (error) {
    if (isCloudError(error, 'EntityAlreadyExists')) return { arn: arnIfExists, created: false };
    throw error;
  }
}

export const policyExists = async (arn: string) =>
  (await orNull(send(new GetPolicyCommand({ PolicyArn: arn })))) !== null;

export async function deletePolicy(arn: string): Promise<boolean> {
  return (await orNull(send(new DeletePolicyCommand({ PolicyArn: arn })))) !== null;
}

export async function createUser(name: string, path: string) {
  try {
    const out = await send<{ User?: { Arn?: string } }>(
      new CreateUserCommand({ UserName: name, Path: path }),
    );
    return { arn: out.User?.Arn ?? '', created: true };
  } catch (error) {
    if (!isCloudError(error, 'EntityAlreadyExists')) throw error;
    const existing = await send<{ User?: { Arn?: string } }>(
      new GetUserCommand({ UserName: name }),
    );
    return { arn: existing.User?.Arn ?? '', created: false };
  }
}

export const getUserArn = async (name: string) =>
  (await orNull(send<{ User?: { Arn?: string } }>(new GetUserCommand({ UserName: name }))))?.User
    ?.Arn ?? null;

export async function deleteUser(name: string): Promise<boolean> {
  return (await orNull(send(new DeleteUserCommand({ UserName: name })))) !== null;
}

export async function attachedPolicyArns(userName: string): Promise<string[] | null> {
  const out = await orNull(
    send<{ AttachedPolicies?: { PolicyArn?: string }[] }>(
      new ListAttachedUserPoliciesCommand({ UserName: userName }),
    ),
  );
  return out ? (out.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? '') : null;
}

export async function attachUserPolicy(userName: string, policyArn: string): Promise<void> {
  await send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn }));
}

export async function detachUserPolicy(userName: string, policyArn: string): Promise<boolean> {
  return (
    (await orNull(
      send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn })),
    )) !== null
  );
}

/** The user's keys, or null when the user does not exist. */
export async function listAccessKeys(userName: string): Promise<AccessKeySummary[] | null> {
  const out = await orNull(
    send<{ AccessKeyMetadata?: { AccessKeyId?: string; CreateDate?: Date }[] }>(
      new ListAccessKeysCommand({ UserName: userName }),
    ),
  );
  return out
    ? (out.AccessKeyMetadata ?? []).map((k) => ({
        accessKeyId: k.AccessKeyId ?? '',
        createdAt: k.CreateDate,
      }))
    : null;
}

/** Not retried: a lost answer would leave a key whose secret we never saw (the reconciler then deletes it). */
export async function createAccessKey(userName: string) {
  const { iam } = awsClients();
  try {
    const out = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    return {
      accessKeyId: out.AccessKey?.AccessKeyId ?? '',
      secretAccessKey: out.AccessKey?.SecretAccessKey ?? '',
      createdAt: out.AccessKey?.CreateDate ?? new Date(),
    };
  } catch (error) {
    throw toAwsCloudError('iam', error);
  }
}

export async function deleteAccessKey(userName: string, accessKeyId: string): Promise<boolean> {
  return (
    (await orNull(
      send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId })),
    )) !== null
  );
}
