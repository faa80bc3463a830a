// For the rotation tests with clusters: which access key a sandbox cluster's ExternalDNS Secret
// holds (read from the sandbox's store, as the pod would mount it), and the IAM keys of a user.
import { IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { findResourceType } from '@/sandbox/kube/kube-resources';
import { resourceKey } from '@/sandbox/kube/kube-store';

const SECRETS = resourceKey(findResourceType('', 'v1', 'secrets')!);

/** The aws_access_key_id in the cluster's `external-dns-aws` Secret; undefined without one. */
export function keyIdInCluster(sandbox: Sandbox, cluster: string): string | undefined {
  const secret = sandbox.kube[cluster]!.store.get(SECRETS, 'external-dns', 'external-dns-aws');
  const encoded = (secret?.data as Record<string, string> | undefined)?.credentials;
  if (!encoded) return undefined;
  return /aws_access_key_id\s*=\s*(\S+)/.exec(Buffer.from(encoded, 'base64').toString('utf8'))?.[1];
}

export function iamClientOf(sandbox: Sandbox): IAMClient {
  return new IAMClient({
    region: 'us-east-1',
    endpoint: sandbox.env.AWS_ENDPOINT_URL_IAM,
    credentials: {
      accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
    },
  });
}

/** The user's access key ids, sorted. */
export async function iamKeyIds(iam: IAMClient, userName: string): Promise<string[]> {
  const listed = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
  return (listed.AccessKeyMetadata ?? []).map((k) => k.AccessKeyId!).sort();
}
