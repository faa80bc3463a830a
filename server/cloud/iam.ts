// IAM adapter: the policy (and its versions), user and access-key operations of one
// organization's identity, retried on throttling, 5xx and network errors; "already exists" and
// "no such" are reported as values so callers can adopt or skip.
import 'server-only';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListPolicyVersionsCommand,
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

/** IAM keeps at most this many versions of a managed policy. */
export const POLICY_VERSION_LIMIT = 5;

export interface PolicyVersionSummary {
  versionId: string;
  isDefault: boolean;
  createdAt: Date | undefined;
}

/** The document in effect (the default version's, decoded), or null when there is no policy. */
export async function getDefaultPolicyDocument(
  arn: string,
): Promise<{ versionId: string; document: string } | null> {
  const policy = await orNull(
    send<{ Policy?: { DefaultVersionId?: string } }>(new GetPolicyCommand({ PolicyArn: arn })),
  );
  const versionId = policy?.Policy?.DefaultVersionId;
  if (!versionId) return null;
  const version = await orNull(
    send<{ PolicyVersion?: { Document?: string } }>(
      new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }),
    ),
  );
  if (!version) return null;
  // IAM sends policy documents URL-encoded (RFC 3986).
  return { versionId, document: decodeURIComponent(version.PolicyVersion?.Document ?? '') };
}

/** Every version of the policy, or null when there is no policy. */
export async function listPolicyVersions(arn: string): Promise<PolicyVersionSummary[] | null> {
  const versions: PolicyVersionSummary[] = [];
  let marker: string | undefined;
  do {
    const page = await orNull(
      send<{
        Versions?: { VersionId?: string; IsDefaultVersion?: boolean; CreateDate?: Date }[];
        IsTruncated?: boolean;
        Marker?: string;
      }>(new ListPolicyVersionsCommand({ PolicyArn: arn, Marker: marker })),
    );
    if (!page) return null;
    for (const version of page.Versions ?? []) {
      versions.push({
        versionId: version.VersionId ?? '',
        isDefault: version.IsDefaultVersion ?? false,
        createdAt: version.CreateDate,
      });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return versions;
}

/** Creates a version set as the default, so it takes effect at once; returns its id. */
export async function createDefaultPolicyVersion(arn: string, document: string): Promise<string> {
  const out = await send<{ PolicyVersion?: { VersionId?: string } }>(
    new CreatePolicyVersionCommand({
      PolicyArn: arn,
      PolicyDocument: document,
      SetAsDefault: true,
    }),
  );
  return out.PolicyVersion?.VersionId ?? '';
}

/** Deletes a non-default version; false when it was already gone. */
export async function deletePolicyVersion(arn: string, versionId: string): Promise<boolean> {
  return (
    (await orNull(
      send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })),
    )) !== null
  );
}

/** Deletes the policy; IAM wants its non-default versions deleted first. False when it was gone. */
export async function deletePolicy(arn: string): Promise<boolean> {
  const versions = await listPolicyVersions(arn);
  if (!versions) return false;
  for (const version of versions) {
    if (!version.isDefault) await deletePolicyVersion(arn, version.versionId);
  }
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
