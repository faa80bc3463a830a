// Where the IAM and STS conformance tests send their requests: sandbox servers started on port
// 0, or another implementation named by CONFORMANCE_* variables (e.g. real AWS, LocalStack).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListPolicyVersionsCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createIamHttpHandler } from '@/sandbox/iam/iam-http';
import { createIamState } from '@/sandbox/iam/iam-state';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { createStsHttpHandler } from '@/sandbox/sts/sts-http';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface AwsTarget {
  iamEndpoint: string;
  stsEndpoint: string;
  platformCredentials: Credentials;
  /** True when the tests run against another implementation whose clock they cannot control. */
  external: boolean;
  close(): Promise<void>;
}

/** The sandbox's activation delay in these tests: long enough to observe, short enough to wait. */
export const TEST_KEY_ACTIVATION_DELAY_MS = 200;

export const externalAwsTarget = Boolean(
  process.env.CONFORMANCE_IAM_ENDPOINT && process.env.CONFORMANCE_STS_ENDPOINT,
);

async function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const urlOf = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

export async function startAwsTarget(): Promise<AwsTarget> {
  if (externalAwsTarget) {
    return {
      iamEndpoint: process.env.CONFORMANCE_IAM_ENDPOINT!,
      stsEndpoint: process.env.CONFORMANCE_STS_ENDPOINT!,
      platformCredentials: {
        accessKeyId: process.env.CONFORMANCE_ACCESS_KEY_ID ?? '',
        secretAccessKey: process.env.CONFORMANCE_SECRET_ACCESS_KEY ?? '',
      },
      external: true,
      close: async () => {},
    };
  }
  const platformCredentials = {
    accessKeyId: 'AKIASANDBOXPLATFORM0',
    secretAccessKey: 'sandbox-platform-secret-not-a-real-key00',
  };
  const iam = createIamState({
    platformCredentials,
    keyActivationDelayMs: TEST_KEY_ACTIVATION_DELAY_MS,
  });
  const iamServer = await listen(createIamHttpHandler(iam));
  const stsServer = await listen(createStsHttpHandler(iam));
  return {
    iamEndpoint: urlOf(iamServer),
    stsEndpoint: urlOf(stsServer),
    platformCredentials,
    external: false,
    close: async () => {
      await Promise.all(
        [iamServer, stsServer].map((s) => new Promise((resolve) => s.close(resolve))),
      );
    },
  };
}

/**
 * The whole sandbox as a target, for tests that steer IAM and STS faults through its control
 * endpoints (on `sandbox.endpoints.route53`) or in-process (`sandbox.controls`): sandbox only.
 */
export async function startControlledSandbox(): Promise<AwsTarget & { sandbox: Sandbox }> {
  const sandbox = await startSandbox({ keyActivationDelayMs: 0 });
  return {
    iamEndpoint: sandbox.endpoints.iam,
    stsEndpoint: sandbox.endpoints.sts,
    platformCredentials: {
      accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
    },
    external: false,
    sandbox,
    close: () => sandbox.close(),
  };
}

export function iamClient(target: AwsTarget, credentials = target.platformCredentials) {
  return new IAMClient({
    region: 'us-east-1',
    endpoint: target.iamEndpoint,
    credentials,
    maxAttempts: 1,
  });
}

export function stsClient(target: AwsTarget, credentials = target.platformCredentials) {
  return new STSClient({
    region: 'us-east-1',
    endpoint: target.stsEndpoint,
    credentials,
    maxAttempts: 1,
  });
}

/** Names unique per run, so runs against a shared external account never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Waits until STS accepts a new key, as the app does before handing a key out. */
export async function waitUntilKeyAccepted(target: AwsTarget, credentials: Credentials) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await stsClient(target, credentials).send(new GetCallerIdentityCommand({}));
    } catch (error) {
      if ((error as Error).name !== 'InvalidClientTokenId' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The rejection of `promise`, so tests can assert on the SDK's error name and status. */
export async function rejectionOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

/** Teardown for tests: removes a user with its keys and attachments, if it still exists. */
export async function removeUser(client: IAMClient, userName: string): Promise<void> {
  try {
    const keys = await client.send(new ListAccessKeysCommand({ UserName: userName }));
    for (const key of keys.AccessKeyMetadata ?? []) {
      await client.send(
        new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: key.AccessKeyId }),
      );
    }
    const attached = await client.send(new ListAttachedUserPoliciesCommand({ UserName: userName }));
    for (const policy of attached.AttachedPolicies ?? []) {
      await client.send(
        new DetachUserPolicyCommand({ UserName: userName, PolicyArn: policy.PolicyArn }),
      );
    }
    await client.send(new DeleteUserCommand({ UserName: userName }));
  } catch (error) {
    if ((error as Error).name !== 'NoSuchEntityException') throw error;
  }
}

/** Teardown for tests: IAM deletes a policy only once its non-default versions are gone. */
export async function removePolicy(client: IAMClient, policyArn: string): Promise<void> {
  try {
    const { Versions } = await client.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }));
    for (const version of Versions ?? []) {
      if (version.IsDefaultVersion) continue;
      await client.send(
        new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: version.VersionId }),
      );
    }
    await client.send(new DeletePolicyCommand({ PolicyArn: policyArn }));
  } catch (error) {
    if ((error as Error).name !== 'NoSuchEntityException') throw error;
  }
}
