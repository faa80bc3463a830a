// Crash safety: the CLI `reconcile` runs in a child process that exits on the spot (like kill -9)
// at one fault point after another; a second run without the fault must converge to exactly one
// zone, one delegation, one policy, one user, one key that works and is the one in Vault.
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { createOrganization } from '@/server/orgs/create-organization';
import { CRASH_EXIT_CODE } from '@/server/provisioning/crash-point';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';

const run = promisify(execFile);

// Each case spawns the CLI two to five times (a few seconds each on a busy machine) and waits out
// a dead replica's lease, which the integration project's 60 s default does not always cover.
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
    sandbox = await startProvisioningSandbox();
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
