// A sandbox with org zones, one IAM identity per org scoped to its zone (made with the real IAM
// SDK, as provisioning makes them), sandbox clusters, and helpers to run the real kubectl and read
// Route 53 with the real SDK. The sandbox ExternalDNS syncs every 250 ms here.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { stringify as stringifyYaml } from 'yaml';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
export const BASE_DOMAIN = 'zonekeeper.test';

export interface OrgIdentity {
  slug: string;
  zoneId: string;
  zoneName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ExternalDnsFixture {
  sandbox: Sandbox;
  route53: Route53Client;
  orgs: Record<string, OrgIdentity>;
  workDir: string;
  close(): Promise<void>;
}

export async function startExternalDnsFixture(
  clusters: string[],
  orgSlugs: string[],
): Promise<ExternalDnsFixture> {
  const sandbox = await startSandbox({
    baseDomain: BASE_DOMAIN,
    keyActivationDelayMs: 0,
    pendingMs: 100,
    kube: { clusters, controllerDelayMs: 200, externalDns: { intervalMs: 250 } },
  });
  const credentials = {
    accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
  };
  const route53 = new Route53Client({
    endpoint: sandbox.endpoints.route53,
    region: 'us-east-1',
    credentials,
  });
  const iam = new IAMClient({ endpoint: sandbox.endpoints.iam, region: 'us-east-1', credentials });
  const orgs: Record<string, OrgIdentity> = {};
  for (const slug of orgSlugs) orgs[slug] = await provisionOrg(route53, iam, slug);
  iam.destroy();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'zk-externaldns-test-'));
  return {
    sandbox,
    route53,
    orgs,
    workDir,
    close: async () => {
      route53.destroy();
      await sandbox.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The org's zone, and a user whose policy is the one provisioning writes (docs/design.md). */
async function provisionOrg(
  route53: Route53Client,
  iam: IAMClient,
  slug: string,
): Promise<OrgIdentity> {
  const zoneName = `${slug}.${BASE_DOMAIN}`;
  const zone = await route53.send(
    new CreateHostedZoneCommand({ Name: zoneName, CallerReference: `test-${slug}-${Date.now()}` }),
  );
  const zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
  const userName = `zonekeeper-test-${slug}`;
  await iam.send(new CreateUserCommand({ UserName: userName, Path: '/zonekeeper/' }));
  const policy = await iam.send(
    new CreatePolicyCommand({
      PolicyName: userName,
      Path: '/zonekeeper/',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'route53:ChangeResourceRecordSets',
              'route53:ListResourceRecordSets',
              'route53:GetHostedZone',
              'route53:ListTagsForResources',
            ],
            Resource: `arn:aws:route53:::hostedzone/${zoneId}`,
          },
          {
            Effect: 'Allow',
            Action: ['route53:ListHostedZones', 'route53:ListHostedZonesByName'],
            Resource: '*',
          },
          {
            Effect: 'Allow',
            Action: ['route53:GetChange'],
            Resource: 'arn:aws:route53:::change/*',
          },
        ],
      }),
    }),
  );
  await iam.send(
    new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Policy!.Arn }),
  );
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  return {
    slug,
    zoneId,
    zoneName,
    accessKeyId: key.AccessKey!.AccessKeyId!,
    secretAccessKey: key.AccessKey!.SecretAccessKey!,
  };
}

/** The objects Zonekeeper delivers to a cluster, as docs/design.md "ExternalDNS in each cluster". */
export function externalDnsManifest(options: {
  org: OrgIdentity;
  ownerId: string;
  policy?: 'sync' | 'upsert-only';
  extraArgs?: string[];
  zoneIdFilter?: string[];
  /** Zonekeeper's bundle passes --aws-prefer-cname; false leaves it out. */
  preferCname?: boolean;
}): string {
  const args = [
    '--source=service',
    '--source=ingress',
    '--provider=aws',
    '--registry=txt',
    `--txt-owner-id=${options.ownerId}`,
    `--domain-filter=${options.org.zoneName}`,
    ...(options.zoneIdFilter ?? [options.org.zoneId]).map((id) => `--zone-id-filter=${id}`),
    '--aws-zone-type=public',
    ...(options.preferCname === false ? [] : ['--aws-prefer-cname']),
    ...(options.policy ? [`--policy=${options.policy}`] : []),
    ...(options.extraArgs ?? []),
  ];
  const credentialsFile = [
    '[default]',
    `aws_access_key_id = ${options.org.accessKeyId}`,
    `aws_secret_access_key = ${options.org.secretAccessKey}`,
    '',
  ].join('\n');
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'external-dns' } },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'external-dns-aws', namespace: 'external-dns' },
      type: 'Opaque',
      stringData: { credentials: credentialsFile },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'external-dns', namespace: 'external-dns' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'external-dns' } },
        template: {
          metadata: { labels: { app: 'external-dns' } },
          spec: {
            containers: [
              {
                name: 'external-dns',
                image: 'registry.k8s.io/external-dns/external-dns:v0.22.0',
                args,
                env: [{ name: 'AWS_SHARED_CREDENTIALS_FILE', value: '/.aws/credentials' }],
                volumeMounts: [{ name: 'aws-credentials', mountPath: '/.aws', readOnly: true }],
              },
            ],
            volumes: [{ name: 'aws-credentials', secret: { secretName: 'external-dns-aws' } }],
          },
        },
      },
    },
  ]
    .map((object) => stringifyYaml(object))
    .join('---\n');
}

export function loadBalancerService(name: string, hostnames: string, annotations = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'external-dns.alpha.kubernetes.io/hostname': hostnames, ...annotations },
    },
    spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80 }] },
  });
}

/** Runs the real kubectl against a sandbox cluster; rejects on a non-zero exit. */
export function kubectl(
  fixture: ExternalDnsFixture,
  cluster: string,
  args: string[],
  input?: string,
): Promise<string> {
  let fullArgs = args;
  if (input !== undefined) {
    const manifest = path.join(fixture.workDir, 'manifest.yaml');
    writeFileSync(manifest, input);
    fullArgs = [...args, '-f', manifest];
  }
  return new Promise((resolve, reject) => {
    execFile(
      KUBECTL,
      fullArgs,
      {
        env: {
          ...process.env,
          HOME: fixture.workDir,
          KUBECONFIG: fixture.sandbox.kube[cluster]!.kubeconfigPath,
          KUBECACHEDIR: path.join(fixture.workDir, 'cache'),
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`kubectl ${fullArgs.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

export const apply = (fixture: ExternalDnsFixture, cluster: string, manifest: string) =>
  kubectl(fixture, cluster, ['apply', '--server-side', '--field-manager=zk-test'], manifest);

/** The ExternalDNSSynced condition of the cluster's ExternalDNS Deployment, read with kubectl. */
export async function syncedCondition(fixture: ExternalDnsFixture, cluster: string) {
  const deployment = JSON.parse(
    await kubectl(fixture, cluster, [
      'get',
      'deployment',
      'external-dns',
      '-n',
      'external-dns',
      '-o',
      'json',
    ]),
  ) as {
    status?: { conditions?: { type: string; status: string; reason: string; message: string }[] };
  };
  return deployment.status?.conditions?.find((condition) => condition.type === 'ExternalDNSSynced');
}

export async function zoneRecords(
  fixture: ExternalDnsFixture,
  zoneId: string,
): Promise<ResourceRecordSet[]> {
  const answer = await fixture.route53.send(
    new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }),
  );
  return (answer.ResourceRecordSets ?? []).filter(
    (record) => record.Type !== 'SOA' && record.Type !== 'NS',
  );
}

export const recordNamed = (records: ResourceRecordSet[], name: string, type: string) =>
  records.find((record) => record.Name === name && record.Type === type);

export async function changeRecords(
  fixture: ExternalDnsFixture,
  zoneId: string,
  changes: Change[],
) {
  await fixture.route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: { Changes: changes },
    }),
  );
}

/** Polls `check` until it returns a value, or fails with what it last saw. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
