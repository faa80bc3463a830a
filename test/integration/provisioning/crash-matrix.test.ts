// Crash safety: the CLI `reconcile` runs in a child process that exits on the spot (like kill -9)
// at one fault point after another; a second run without the fault must converge to exactly one
// zone, one delegation, one policy, one user, one key that works and is the one in Vault. A
// rotation with a sandbox cluster connected must also converge to the cluster holding the new key
// and the old key deleted exactly once, never a third key made.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  IAMClient,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListPoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { deliverPendingClusters } from '@/server/clusters/deliver-pending-clusters';
import { registerCluster } from '@/server/clusters/register-cluster';
import { createOrganization } from '@/server/orgs/create-organization';
import { CRASH_EXIT_CODE } from '@/server/provisioning/crash-point';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import { readKubeconfig } from '../clusters/cluster-sandbox';
import { keyIdInCluster } from '../credentials/rotation-clusters';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';

const run = promisify(execFile);

// Each case spawns the CLI two to five times (a few seconds each on a busy machine) and waits out
// a dead replica's lease: together more than the integration project's default timeout.
const CASE_TIMEOUT_MS = 180_000;

const PROVISIONING_POINTS = [
  'zone:created',
  'after:zone',
  'delegation:upserted',
  'after:delegation',
  'policy:created',
  'after:policy',
  'user:created',
  'after:user',
  'access-key:created',
  'access-key:stored',
  'after:access-key',
];
const ROTATION_POINTS = ['access-key:created', 'access-key:stored', 'after:access-key'];
// With a cluster connected: the Secret applied to it, its rollout done, the old key about to go,
// the old key deleted in IAM but not yet in the store.
const CLUSTER_ROTATION_POINTS = [
  ...ROTATION_POINTS,
  'externaldns:secret-applied',
  'externaldns:rolled-out',
  'rotation:before-retire',
  'rotation:old-key-deleted',
];
// One sandbox cluster per case: each org's ExternalDNS lives in the cluster's external-dns namespace.
const sandboxClusterOf = (point: string) => `crash-${CLUSTER_ROTATION_POINTS.indexOf(point)}`;
const TEARDOWN_POINTS = [
  'after:teardown-delegation',
  'teardown:zone-deleted',
  'after:teardown-zone',
  'after:teardown-keys',
  'after:teardown-user',
];

describe('crash matrix: kill the reconciler at every step, restart, converge', () => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;
  let vault: VaultKv;
  let aws: { route53: Route53Client; iam: IAMClient };
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: { clusters: CLUSTER_ROTATION_POINTS.map(sandboxClusterOf), controllerDelayMs: 200 },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-crash-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    const config = {
      region: 'us-east-1',
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    };
    aws = {
      route53: new Route53Client({ ...config, endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53 }),
      iam: new IAMClient({ ...config, endpoint: sandbox.env.AWS_ENDPOINT_URL_IAM }),
    };
  });
  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function zk(args: string[], crashAt = ''): Promise<number> {
    const env = {
      ...process.env,
      ...sandbox.env,
      DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
      ZK_BASE_DOMAIN: BASE_DOMAIN,
      ZK_CRASH_AT: crashAt,
      ZK_LEASE_TTL_MS: '1000',
      ZK_KEY_VERIFY_TIMEOUT_MS: '10000',
    };
    try {
      // As `npm run zk` runs it: server modules import 'server-only', empty under react-server.
      await run(
        path.resolve('node_modules/.bin/tsx'),
        ['--conditions=react-server', 'server/cli/main.ts', ...args],
        { env },
      );
      return 0;
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      // Shown when an assertion on the exit code fails, to say why.
      if (failure.code !== CRASH_EXIT_CODE) console.error(failure.stdout, failure.stderr);
      return failure.code ?? -1;
    }
  }

  async function expectProvisioned(org: { id: string; slug: string; generation: number }) {
    const names = orgResourceNames(org, BASE_DOMAIN);
    const zones = await aws.route53.send(
      new ListHostedZonesByNameCommand({ DNSName: names.zoneName }),
    );
    const ours = zones.HostedZones?.filter((z) => z.Name === `${names.zoneName}.`) ?? [];
    expect(ours).toHaveLength(1);
    const parent = await aws.route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: sandbox.parentZone.id,
        StartRecordName: `${names.zoneName}.`,
        StartRecordType: 'NS',
        MaxItems: 1,
      }),
    );
    expect(
      parent.ResourceRecordSets?.filter((r) => r.Name === `${names.zoneName}.` && r.Type === 'NS'),
    ).toHaveLength(1);
    const policies = await aws.iam.send(
      new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/zonekeeper/' }),
    );
    expect(policies.Policies?.filter((p) => p.PolicyName === names.policyName)).toHaveLength(1);
    await aws.iam.send(new GetUserCommand({ UserName: names.iamUserName }));
    const attached = await aws.iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: names.iamUserName }),
    );
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual([names.policyName]);
    const keys = await aws.iam.send(new ListAccessKeysCommand({ UserName: names.iamUserName }));
    const secret = await vault.readSecret(names.vaultPath);
    expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([
      secret?.data.AWS_ACCESS_KEY_ID,
    ]);
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_STS,
      credentials: {
        accessKeyId: secret!.data.AWS_ACCESS_KEY_ID!,
        secretAccessKey: secret!.data.AWS_SECRET_ACCESS_KEY!,
      },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toContain(names.iamUserName);
    return { keyId: secret!.data.AWS_ACCESS_KEY_ID, vaultVersion: secret!.version };
  }

  const newOrg = (slug: string) =>
    createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: slug, slug },
    );
  const slugOf = (prefix: string, point: string) =>
    `${prefix}-${point.replace(/[^a-z]+/g, '-')}`.replace(/-$/, '');

  it.each(PROVISIONING_POINTS)(
    'provisioning: crash at %s, then converge',
    async (point) => {
      const org = await newOrg(slugOf('p', point));
      expect(await zk(['reconcile', '--org', org.slug], point)).toBe(CRASH_EXIT_CODE);
      expect(await zk(['reconcile', '--org', org.slug])).toBe(0);
      await expectProvisioned(org);
    },
    CASE_TIMEOUT_MS,
  );

  it.each(ROTATION_POINTS)(
    'rotation: crash at %s, then converge to one new key',
    async (point) => {
      const org = await newOrg(slugOf('r', point));
      expect(await zk(['reconcile', '--org', org.slug])).toBe(0);
      const before = await expectProvisioned(org);
      expect(await zk(['rotate-key', '--org', org.slug, '--no-wait'])).toBe(0);
      expect(await zk(['reconcile', '--org', org.slug], point)).toBe(CRASH_EXIT_CODE);
      expect(await zk(['reconcile', '--org', org.slug])).toBe(0);
      const after = await expectProvisioned(org);
      expect(after.keyId).not.toBe(before.keyId);
      expect(after.vaultVersion).toBe(before.vaultVersion + 1);
    },
    CASE_TIMEOUT_MS,
  );

  it.each(CLUSTER_ROTATION_POINTS)(
    'rotation with a connected cluster: crash at %s, then converge, the old key deleted once',
    async (point) => {
      const org = await newOrg(slugOf('k', point));
      expect(await zk(['reconcile', '--org', org.slug])).toBe(0);
      const before = await expectProvisioned(org);
      const [ready] = await store.db
        .select()
        .from(store.t.organizations)
        .where(eq(store.t.organizations.id, org.id));
      const kube = sandbox.kube[sandboxClusterOf(point)]!;
      await registerCluster(
        {
          store,
          actor: SYSTEM_ACTOR,
          org: ready!,
          vault,
          baseDomain: BASE_DOMAIN,
          kubeTimeoutMs: 2000,
        },
        {
          name: 'prod',
          policy: 'sync',
          connection: { kind: 'kubeconfig', kubeconfig: readKubeconfig(kube.kubeconfigPath) },
        },
      );
      const ctx = {
        store,
        vault,
        actor: SYSTEM_ACTOR,
        baseDomain: BASE_DOMAIN,
        kubeTimeoutMs: 2000,
        rolloutTimeoutMs: 20_000,
      };
      await deliverPendingClusters(store, () => ctx);
      expect(keyIdInCluster(sandbox, kube.name)).toBe(before.keyId);

      expect(await zk(['rotate-key', '--org', org.slug, '--no-wait'])).toBe(0);
      expect(await zk(['reconcile', '--org', org.slug], point)).toBe(CRASH_EXIT_CODE);
      expect(await zk(['reconcile', '--org', org.slug])).toBe(0);
      const after = await expectProvisioned(org);
      expect(after.keyId).not.toBe(before.keyId);
      expect(after.vaultVersion).toBe(before.vaultVersion + 1);
      expect(keyIdInCluster(sandbox, kube.name)).toBe(after.keyId);
      const [cluster] = await store.db
        .select()
        .from(store.t.clusters)
        .where(eq(store.t.clusters.orgId, org.id));
      expect(cluster).toMatchObject({
        externalDnsState: 'running',
        credentialsVaultVersion: after.vaultVersion,
      });
      const [credential] = await store.db
        .select()
        .from(store.t.iamCredentials)
        .where(eq(store.t.iamCredentials.orgId, org.id));
      expect(credential).toMatchObject({ accessKeyId: after.keyId, retiringAccessKeyId: null });
      const events = await store.db
        .select()
        .from(store.t.auditEvents)
        .where(eq(store.t.auditEvents.orgId, org.id));
      const targets = (action: string) =>
        events.filter((e) => e.action === action).map((e) => e.target);
      // The first key and the rotation's, plus the one a crash right after creating it orphaned
      // (its secret never reached Vault, so it is deleted and made again).
      const orphans = targets('access_key.created').filter(
        (id) => id !== before.keyId && id !== after.keyId,
      );
      expect(orphans).toHaveLength(point === 'access-key:created' ? 1 : 0);
      expect(targets('access_key.deleted').sort()).toEqual([before.keyId, ...orphans].sort());
      // Never a third key: a LimitExceeded would have failed the step and the run.
      expect(targets('provisioning.step_failed')).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  it.each(TEARDOWN_POINTS)(
    'deletion: crash at %s, then converge to nothing left',
    async (point) => {
      const org = await newOrg(slugOf('d', point));
      expect(await zk(['reconcile', '--org', org.slug])).toBe(0);
      expect(await zk(['delete-org', '--org', org.slug, '--yes'])).toBe(0);
      expect(await zk(['reconcile', '--org', org.slug], point)).toBe(CRASH_EXIT_CODE);
      expect(await zk(['reconcile', '--org', org.slug])).toBe(0);
      const names = orgResourceNames(org, BASE_DOMAIN);
      const zones = await aws.route53.send(
        new ListHostedZonesByNameCommand({ DNSName: names.zoneName }),
      );
      expect(zones.HostedZones?.filter((z) => z.Name === `${names.zoneName}.`)).toHaveLength(0);
      const parent = await aws.route53.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: sandbox.parentZone.id,
          StartRecordName: `${names.zoneName}.`,
          StartRecordType: 'NS',
          MaxItems: 1,
        }),
      );
      expect(
        parent.ResourceRecordSets?.filter((r) => r.Name === `${names.zoneName}.`),
      ).toHaveLength(0);
      await expect(
        aws.iam.send(new GetUserCommand({ UserName: names.iamUserName })),
      ).rejects.toThrow();
      await expect(vault.readSecret(names.vaultPath)).resolves.toBeNull();
    },
    CASE_TIMEOUT_MS,
  );
});
