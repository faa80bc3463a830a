// `zk rotate-key` as an operator runs it, in a child process against the sandbox: by default it
// returns once the new key is in Vault, verified with STS and the old key deleted, also when
// another replica holds the reconciler lease and does the work; --no-wait only asks for it. (With
// clusters connected: rotate-key-clusters.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { createOrganization } from '@/server/orgs/create-organization';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import {
  releaseLease,
  tryAcquireLease,
  whileHoldingLease,
} from '@/server/provisioning/leader-lease';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { retireRotatedKeys } from '@/server/credentials/retire-old-key';
import { deliveryContext, RECONCILER_LEASE } from '@/server/provisioning/reconciler-loop';
import { runZk, type ZkRun } from '../../support/zk-cli';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

const CASE_TIMEOUT_MS = 120_000;
const LEASE_TTL_MS = 2_000;

describe('zk rotate-key', () => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;
  let vault: VaultKv;
  let iam: IAMClient;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-rotate-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    iam = new IAMClient({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_IAM,
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    });
  });
  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The CLI exactly as `npm run zk` starts it. */
  function zk(args: string[]): Promise<ZkRun> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...sandbox.env,
      DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
      ZK_BASE_DOMAIN: BASE_DOMAIN,
      ZK_LEASE_TTL_MS: String(LEASE_TTL_MS),
      ZK_KEY_VERIFY_TIMEOUT_MS: '10000',
      ZK_CRASH_AT: '',
    };
    // The server code in this process sets it; the CLI must silence the notice by itself.
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    return runZk(env, args);
  }

  async function provisioned(slug: string) {
    const org = await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: slug, slug },
    );
    const first = await zk(['reconcile', '--org', slug]);
    expect(first.code, first.stderr).toBe(0);
    const names = orgResourceNames(org, BASE_DOMAIN);
    return { org, names, keyId: await vaultKeyId(names.vaultPath) };
  }

  const vaultKeyId = async (vaultPath: string) =>
    (await vault.readSecret(vaultPath))?.data.AWS_ACCESS_KEY_ID;
  const iamKeyIds = async (userName: string) =>
    (await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata?.map(
      (k) => k.AccessKeyId,
    );
  const credentialOf = async (orgId: string) =>
    (
      await store.db
        .select()
        .from(store.t.iamCredentials)
        .where(eq(store.t.iamCredentials.orgId, orgId))
    )[0];

  it(
    'rotates and waits: one new key, in Vault and verified, the old one deleted',
    async () => {
      const { org, names, keyId: before } = await provisioned('rotate-waits');
      const run = await zk(['rotate-key', '--org', org.slug]);
      expect(run.code, run.stderr).toBe(0);
      const after = await vaultKeyId(names.vaultPath);
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(await iamKeyIds(names.iamUserName)).toEqual([after]);
      expect(await credentialOf(org.id)).toMatchObject({ status: 'ready', accessKeyId: after });
      expect(run.stdout).toContain(
        `${after} is in Vault and verified with STS; ${before} is deleted`,
      );
      // Nothing a user cannot act on: no runtime warning (the AWS SDK's Node notice included).
      expect(run.stderr).toBe('');
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'with --no-wait only asks: the old key stays until the reconciler runs',
    async () => {
      const { org, names, keyId: before } = await provisioned('rotate-no-wait');
      const run = await zk(['rotate-key', '--org', org.slug, '--no-wait']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('requested');
      expect(await credentialOf(org.id)).toMatchObject({ status: 'rotating', accessKeyId: before });
      expect(await iamKeyIds(names.iamUserName)).toEqual([before]);
      expect(await vaultKeyId(names.vaultPath)).toBe(before);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'waits for the replica that holds the reconciler lease to do the rotation',
    async () => {
      const { org, names, keyId: before } = await provisioned('rotate-leader');
      const leader = 'test-leader';
      expect(await tryAcquireLease(store, RECONCILER_LEASE, leader, LEASE_TTL_MS)).toBe(true);
      try {
        const cli = zk(['rotate-key', '--org', org.slug]);
        // The leader's loop: renew the lease until the CLI has asked, then do the pass, which
        // ends with the rotation gate.
        await whileHoldingLease(store, RECONCILER_LEASE, leader, LEASE_TTL_MS, async (lease) => {
          while ((await credentialOf(org.id))?.status !== 'rotating') {
            await new Promise((r) => setTimeout(r, 100));
          }
          const pass = await reconcilePass(store, SYSTEM_ACTOR, { slugs: [org.slug], lease });
          expect(pass.results).toEqual([{ slug: org.slug, outcome: 'ready' }]);
          const retired = await retireRotatedKeys(store, () => deliveryContext(store), { lease });
          expect(retired).toEqual([{ slug: org.slug, retired: before, blockers: [] }]);
        });
        const run = await cli;
        expect(run.code, run.stderr).toBe(0);
        const after = await vaultKeyId(names.vaultPath);
        expect(after).not.toBe(before);
        expect(await iamKeyIds(names.iamUserName)).toEqual([after]);
        expect(run.stdout).toContain(`${after} is in Vault and verified with STS`);
        expect(run.stderr).toBe('');
      } finally {
        await releaseLease(store, RECONCILER_LEASE, leader);
      }
    },
    CASE_TIMEOUT_MS,
  );
});
