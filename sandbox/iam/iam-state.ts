// The sandbox's IAM: users, managed policies, access keys and attachments, with IAM's rules,
// and the AwsIdentity every other sandbox service asks "who is calling, may they do this?".
import { SANDBOX_ACCOUNT_ID, type AwsIdentity, type Caller } from '../aws/identity';
import { AwsQueryError } from '../aws/query-protocol';
import {
  IAM_SNAPSHOT_FORMAT,
  type AccessKeyStatus,
  type IamAccessKey,
  type IamPolicy,
  type IamPolicyVersion,
  type IamSnapshot,
  type IamTag,
  type IamUser,
} from './iam-model';
import { newAccessKeyId, newPolicyId, newSecretAccessKey, newUserId } from './iam-names';
import { upgradeIamSnapshot } from './iam-snapshot-upgrade';
import { evaluatePolicies, parsePolicyDocument, type PolicyStatement } from './policy-evaluation';

export interface IamStateOptions {
  accountId?: string;
  /** The operator's key: allowed everything, never subject to the activation delay. */
  platformCredentials: { accessKeyId: string; secretAccessKey: string };
  /** How long a new key is rejected, mimicking IAM's eventual consistency. */
  keyActivationDelayMs: number;
  /** Milliseconds since the epoch; injectable so tests control the clock. */
  now?: () => number;
  snapshot?: IamSnapshot;
}

/** IAM quotas that the sandbox enforces (AWS defaults). */
export const IAM_QUOTAS = {
  accessKeysPerUser: 2,
  policiesPerUser: 10,
  policySize: 6144,
  versionsPerPolicy: 5,
};

/** The platform caller is an IAM user outside the sandbox's user list, like an operator's. */
const PLATFORM_USER_NAME = 'zonekeeper-sandbox-platform';
const PLATFORM_USER_ID = 'AIDASANDBOXPLATFORM00';

const noSuchUser = (userName: string) =>
  new AwsQueryError('NoSuchEntity', 404, `The user with name ${userName} cannot be found.`);
const noSuchPolicy = (arn: string) =>
  new AwsQueryError('NoSuchEntity', 404, `Policy ${arn} was not found.`);
const noSuchVersion = (arn: string, versionId: string) =>
  new AwsQueryError('NoSuchEntity', 404, `Policy ${arn} version ${versionId} does not exist.`);
const quotaExceeded = (quota: string, limit: number) =>
  new AwsQueryError('LimitExceeded', 409, `Cannot exceed quota for ${quota}: ${limit}.`);

/** The statements of a document IAM accepts; MalformedPolicyDocument or LimitExceeded otherwise. */
function validatedStatements(document: string): PolicyStatement[] {
  if (document.replace(/\s/g, '').length > IAM_QUOTAS.policySize) {
    throw quotaExceeded('PolicySize', IAM_QUOTAS.policySize);
  }
  const parsed = parsePolicyDocument(document);
  if (!parsed.ok) throw new AwsQueryError('MalformedPolicyDocument', 400, parsed.message);
  return parsed.statements;
}

export function defaultVersionOf(policy: IamPolicy): IamPolicyVersion {
  const version = policy.versions.find((v) => v.versionId === policy.defaultVersionId);
  if (!version) throw new Error(`IAM policy ${policy.arn} lacks its default version`);
  return version;
}

export type {
  AccessKeyStatus,
  IamAccessKey,
  IamPolicy,
  IamPolicyVersion,
  IamSnapshot,
  IamTag,
  IamUser,
};
export type IamState = ReturnType<typeof createIamState>;

export function createIamState(options: IamStateOptions) {
  const snapshot = options.snapshot && upgradeIamSnapshot(options.snapshot);
  const accountId = options.accountId ?? snapshot?.accountId ?? SANDBOX_ACCOUNT_ID;
  if (snapshot && snapshot.accountId !== accountId) {
    throw new Error(`IAM snapshot belongs to account ${snapshot.accountId}, not ${accountId}`);
  }
  const now = options.now ?? Date.now;
  const users = new Map((snapshot?.users ?? []).map((u) => [u.userName, structuredClone(u)]));
  const policies = new Map((snapshot?.policies ?? []).map((p) => [p.arn, structuredClone(p)]));
  const keys = new Map((snapshot?.accessKeys ?? []).map((k) => [k.accessKeyId, { ...k }]));
  const statementsByArn = new Map<string, PolicyStatement[]>();
  for (const policy of policies.values()) {
    const parsed = parsePolicyDocument(defaultVersionOf(policy).document);
    if (!parsed.ok) throw new Error(`IAM snapshot holds a malformed policy ${policy.arn}`);
    statementsByArn.set(policy.arn, parsed.statements);
  }

  const platformCaller: Caller = {
    kind: 'platform',
    accessKeyId: options.platformCredentials.accessKeyId,
    accountId,
    arn: `arn:aws:iam::${accountId}:user/${PLATFORM_USER_NAME}`,
    userId: PLATFORM_USER_ID,
  };

  function requireUser(userName: string): IamUser {
    const user = users.get(userName);
    if (!user) throw noSuchUser(userName);
    return user;
  }
  function requirePolicy(arn: string): IamPolicy {
    const policy = policies.get(arn);
    if (!policy) throw noSuchPolicy(arn);
    return policy;
  }
  function requireVersion(arn: string, versionId: string): IamPolicyVersion {
    const version = requirePolicy(arn).versions.find((v) => v.versionId === versionId);
    if (!version) throw noSuchVersion(arn, versionId);
    return version;
  }
  function requireKeyOf(userName: string, accessKeyId: string): IamAccessKey {
    requireUser(userName);
    const key = keys.get(accessKeyId);
    if (!key || key.userName !== userName) {
      throw new AwsQueryError(
        'NoSuchEntity',
        404,
        `The Access Key with id ${accessKeyId} cannot be found.`,
      );
    }
    return key;
  }
  const keysOf = (userName: string) => [...keys.values()].filter((k) => k.userName === userName);
  const attachmentCount = (arn: string) =>
    [...users.values()].filter((u) => u.attachedPolicyArns.includes(arn)).length;

  const identity: AwsIdentity = {
    resolveCaller(accessKeyId) {
      if (accessKeyId === options.platformCredentials.accessKeyId) return platformCaller;
      const key = keys.get(accessKeyId);
      if (!key || key.status !== 'Active') return undefined;
      if (now() - key.createDate < options.keyActivationDelayMs) return undefined;
      const user = users.get(key.userName);
      if (!user) return undefined;
      return {
        kind: 'iam-user',
        accessKeyId,
        accountId,
        arn: user.arn,
        userId: user.userId,
        userName: user.userName,
      };
    },
    isAllowed(caller, action, resourceArn) {
      if (caller.kind === 'platform') return caller.accessKeyId === platformCaller.accessKeyId;
      const user = users.get(caller.userName);
      // A user deleted and re-created under the same name is a different principal.
      if (!user || user.userId !== caller.userId) return false;
      const statements = user.attachedPolicyArns.flatMap((arn) => statementsByArn.get(arn) ?? []);
      return evaluatePolicies(statements, action, resourceArn);
    },
  };

  return {
    ...identity,
    accountId,
    attachmentCount,

    createUser(input: { userName: string; path: string; tags: IamTag[] }): IamUser {
      // IAM names are unique regardless of case (no "Alice" next to "alice").
      const taken = [...users.keys()].some((n) => n.toLowerCase() === input.userName.toLowerCase());
      if (taken) {
        throw new AwsQueryError(
          'EntityAlreadyExists',
          409,
          `User with name ${input.userName} already exists.`,
        );
      }
      const user: IamUser = {
        ...input,
        userId: newUserId(),
        arn: `arn:aws:iam::${accountId}:user${input.path}${input.userName}`,
        createDate: now(),
        attachedPolicyArns: [],
      };
      users.set(user.userName, user);
      return user;
    },
    getUser: requireUser,
    listUsers: () => [...users.values()],
    deleteUser(userName: string): void {
      const user = requireUser(userName);
      if (keysOf(userName).length > 0) {
        throw new AwsQueryError(
          'DeleteConflict',
          409,
          'Cannot delete entity, must delete access keys first.',
        );
      }
      if (user.attachedPolicyArns.length > 0) {
        throw new AwsQueryError(
          'DeleteConflict',
          409,
          'Cannot delete entity, must detach all policies first.',
        );
      }
      users.delete(userName);
    },

    createPolicy(input: {
      policyName: string;
      path: string;
      document: string;
      description?: string;
      tags: IamTag[];
    }): IamPolicy {
      const statements = validatedStatements(input.document);
      const arn = `arn:aws:iam::${accountId}:policy${input.path}${input.policyName}`;
      const lowerName = input.policyName.toLowerCase();
      if ([...policies.values()].some((p) => p.policyName.toLowerCase() === lowerName)) {
        throw new AwsQueryError(
          'EntityAlreadyExists',
          409,
          `A policy called ${input.policyName} already exists. Duplicate names are not allowed.`,
        );
      }
      const createDate = now();
      const { document, ...described } = input;
      const policy: IamPolicy = {
        ...described,
        arn,
        policyId: newPolicyId(),
        versions: [{ versionId: 'v1', document, createDate }],
        defaultVersionId: 'v1',
        nextVersionNumber: 2,
        createDate,
        updateDate: createDate,
      };
      policies.set(arn, policy);
      statementsByArn.set(arn, statements);
      return policy;
    },
    getPolicy: requirePolicy,
    listPolicies: () => [...policies.values()],
    deletePolicy(arn: string): void {
      const policy = requirePolicy(arn);
      if (attachmentCount(arn) > 0) {
        throw new AwsQueryError(
          'DeleteConflict',
          409,
          'Cannot delete a policy attached to entities.',
        );
      }
      // IAM deletes only the default version with the policy; the others must go first.
      if (policy.versions.length > 1) {
        throw new AwsQueryError(
          'DeleteConflict',
          409,
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
        );
      }
      policies.delete(arn);
      statementsByArn.delete(arn);
    },

    createPolicyVersion(arn: string, document: string, setAsDefault: boolean): IamPolicyVersion {
      const policy = requirePolicy(arn);
      if (policy.versions.length >= IAM_QUOTAS.versionsPerPolicy) {
        throw new AwsQueryError(
          'LimitExceeded',
          409,
          `A managed policy can have up to ${IAM_QUOTAS.versionsPerPolicy} versions. Before you create a new version, you must delete an existing version.`,
        );
      }
      const statements = validatedStatements(document);
      const version: IamPolicyVersion = {
        versionId: `v${policy.nextVersionNumber}`,
        document,
        createDate: now(),
      };
      policy.versions.push(version);
      policy.nextVersionNumber += 1;
      policy.updateDate = version.createDate;
      if (setAsDefault) {
        policy.defaultVersionId = version.versionId;
        statementsByArn.set(arn, statements);
      }
      return version;
    },
    getPolicyVersion: requireVersion,
    listPolicyVersions: (arn: string): IamPolicyVersion[] => [...requirePolicy(arn).versions],
    deletePolicyVersion(arn: string, versionId: string): void {
      const policy = requirePolicy(arn);
      requireVersion(arn, versionId);
      if (versionId === policy.defaultVersionId) {
        throw new AwsQueryError(
          'DeleteConflict',
          409,
          'Cannot delete the default version of a policy.',
        );
      }
      policy.versions = policy.versions.filter((v) => v.versionId !== versionId);
    },

    attachUserPolicy(userName: string, policyArn: string): void {
      const user = requireUser(userName);
      if (!policies.has(policyArn)) {
        throw new AwsQueryError(
          'NoSuchEntity',
          404,
          `Policy ${policyArn} does not exist or is not attachable.`,
        );
      }
      if (user.attachedPolicyArns.includes(policyArn)) return;
      if (user.attachedPolicyArns.length >= IAM_QUOTAS.policiesPerUser) {
        throw quotaExceeded('PoliciesPerUser', IAM_QUOTAS.policiesPerUser);
      }
      user.attachedPolicyArns.push(policyArn);
    },
    detachUserPolicy(userName: string, policyArn: string): void {
      const user = requireUser(userName);
      if (!user.attachedPolicyArns.includes(policyArn)) {
        throw new AwsQueryError('NoSuchEntity', 404, `Policy ${policyArn} was not found.`);
      }
      user.attachedPolicyArns = user.attachedPolicyArns.filter((arn) => arn !== policyArn);
    },
    listAttachedUserPolicies: (userName: string): IamPolicy[] =>
      requireUser(userName).attachedPolicyArns.map(requirePolicy),

    createAccessKey(userName: string): IamAccessKey {
      requireUser(userName);
      if (keysOf(userName).length >= IAM_QUOTAS.accessKeysPerUser) {
        throw quotaExceeded('AccessKeysPerUser', IAM_QUOTAS.accessKeysPerUser);
      }
      const key: IamAccessKey = {
        accessKeyId: newAccessKeyId(),
        secretAccessKey: newSecretAccessKey(),
        userName,
        status: 'Active',
        createDate: now(),
      };
      keys.set(key.accessKeyId, key);
      return key;
    },
    listAccessKeys: (userName: string): IamAccessKey[] => {
      requireUser(userName);
      return keysOf(userName);
    },
    updateAccessKey(userName: string, accessKeyId: string, status: AccessKeyStatus): void {
      requireKeyOf(userName, accessKeyId).status = status;
    },
    deleteAccessKey(userName: string, accessKeyId: string): void {
      requireKeyOf(userName, accessKeyId);
      keys.delete(accessKeyId);
    },

    snapshot(): IamSnapshot {
      return structuredClone({
        format: IAM_SNAPSHOT_FORMAT,
        accountId,
        users: [...users.values()],
        policies: [...policies.values()],
        accessKeys: [...keys.values()],
      });
    },
  };
}
