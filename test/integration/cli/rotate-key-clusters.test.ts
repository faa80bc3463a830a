// `zk rotate-key` with connected sandbox clusters, in a child process as an operator runs it: it
// returns once every cluster holds the new key and the old key is deleted; with a cluster's API
// down it names that cluster, exits 1 and keeps the old key; `--force-retire` names the clusters
// that break and, only with --yes, deletes the old key (audited).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IAMClient } from '@aws-sdk/client-iam';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import type { DeliveryContext } from '@/server/clusters/deliver-externaldns';
import { deliverPendingClusters } from '@/server/clusters/deliver-pending-clusters';
import { registerCluster } from '@/server/clusters/register-cluster';
import { createOrganization } from '@/server/orgs/create-organization';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import { runZk, type ZkRun } from '../../support/zk-cli';
import { readKubeconfig } from '../clusters/cluster-sandbox';
import { iamClientOf, iamKeyIds, keyIdInCluster } from '../credentials/rotation-clusters';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

const CASE_TIMEOUT_MS = 120_000;

describe('zk rotate-key with connected clusters', () => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;
  let vault: VaultKv;
  let iam: IAMClient;
  let ctx: DeliveryContext;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: { clusters: ['up-prod', 'down-prod', 'down-edge'], controllerDelayMs: 200 },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-rotate-clusters-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    iam = iamClientOf(sandbox);
    ctx = {
      store,
      vault,
      actor: SYSTEM_ACTOR,
      baseDomain: BASE_DOMAIN,
      kubeTimeoutMs: 2000,
      rolloutTimeoutMs: 20_000,
    };
  });
  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function zk(args: string[]): Promise<ZkRun> {
    return runZk(
      {
        ...process.env,
        ...sandbox.env,
        DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
        ZK_BASE_DOMAIN: BASE_DOMAIN,
        ZK_LEASE_TTL_MS: '2000',
        ZK_KEY_VERIFY_TIMEOUT_MS: '10000',
        ZK_KUBE_TIMEOUT_MS: '2000',
        ZK_CRASH_AT: '',
      },
      args,
    );
  }

  /** An org provisioned by the CLI, its clusters registered and ExternalDNS delivered. */
  async function orgWithClusters(slug: string, clusters: Record<string, string>) {
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: slug, slug },
    );
    const first = await zk(['reconcile', '--org', slug]);
    expect(first.code, first.stderr).toBe(0);
    const [org] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, slug));
    for (const [name, sandboxCluster] of Object.entries(clusters)) {
      await registerCluster(
        {
          store,
          actor: SYSTEM_ACTOR,
          org: org!,
          vault,
          baseDomain: BASE_DOMAIN,
          kubeTimeoutMs: 2000,
        },
        {
          name,
          policy: 'sync',
          connection: {
            kind: 'kubeconfig',
            kubeconfig: readKubeconfig(sandbox.kube[sandboxCluster]!.kubeconfigPath),
          },
        },
      );
    }
    await deliverPendingClusters(store, () => ctx);
    const names = orgResourceNames(org!, BASE_DOMAIN);
    return { org: org!, names, oldKey: (await iamKeyIds(iam, names.iamUserName))[0]! };
  }

  const vaultKeyId = async (vaultPath: string) =>
    (await vault.readSecret(vaultPath))!.data.AWS_ACCESS_KEY_ID!;
  const auditTargets = async (org: Organization, action: string) =>
    (
      await store.db
        .select()
        .from(store.t.auditEvents)
        .where(and(eq(store.t.auditEvents.orgId, org.id)))
    )
      .filter((e) => e.action === action)
      .map((e) => [e.target, e.detail]);

  it(
    'rotates through the cluster: exit 0 once it holds the new key and the old key is deleted',
    async () => {
      const { names, oldKey } = await orgWithClusters('up', { prod: 'up-prod' });
      const run = await zk(['rotate-key', '--org', 'up']);
      expect(run.code, run.stderr).toBe(0);
      const newKey = await vaultKeyId(names.vaultPath);
      expect(newKey).not.toBe(oldKey);
      expect(keyIdInCluster(sandbox, 'up-prod')).toBe(newKey);
      expect(await iamKeyIds(iam, names.iamUserName)).toEqual([newKey]);
      expect(run.stdout).toContain(
        `${oldKey} is deleted (every connected cluster holds the new key)`,
      );
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'with one cluster down: names it, keeps the old key, and --force-retire --yes deletes it',
    async () => {
      const { org, names, oldKey } = await orgWithClusters('down', {
        prod: 'down-prod',
        edge: 'down-edge',
      });
      const kube = sandbox.kube['down-edge']!;
      await kube.stop();
      try {
        const run = await zk(['rotate-key', '--org', 'down']);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(
          new RegExp(
            `${oldKey} stays until edge \\(.*unreachable \\(ECONNREFUSED\\).*next retry at`,
          ),
        );
        const newKey = await vaultKeyId(names.vaultPath);
        expect(keyIdInCluster(sandbox, 'down-prod')).toBe(newKey);
        expect(await iamKeyIds(iam, names.iamUserName)).toEqual([oldKey, newKey].sort());

        // Asked without --yes: the clusters that break are named, and nothing is deleted.
        const asked = await zk(['rotate-key', '--org', 'down', '--force-retire']);
        expect(asked.code).toBe(2);
        expect(asked.stdout).toContain(
          `Deleting down's old key ${oldKey} now breaks these clusters`,
        );
        expect(asked.stdout).toMatch(/: edge \(/);
        expect(asked.stdout).not.toMatch(/prod \(/);
        expect(asked.stderr).toContain('Nothing deleted: add --yes');
        expect(await iamKeyIds(iam, names.iamUserName)).toEqual([oldKey, newKey].sort());
        expect(await auditTargets(org, 'access_key.force_retired')).toEqual([]);

        const forced = await zk(['rotate-key', '--org', 'down', '--force-retire', '--yes']);
        expect(forced.code, forced.stderr).toBe(0);
        expect(forced.stdout).toMatch(/: edge \(/);
        expect(forced.stdout).toContain(`Deleted ${oldKey}.`);
        expect(await iamKeyIds(iam, names.iamUserName)).toEqual([newKey]);
        expect(await auditTargets(org, 'access_key.force_retired')).toEqual([
          [oldKey, { brokenClusters: ['edge'] }],
        ]);

        // Nothing left to force.
        const again = await zk(['rotate-key', '--org', 'down', '--force-retire', '--yes']);
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('down has no rotated-out key waiting to be deleted.');
      } finally {
        await kube.start();
      }
    },
    CASE_TIMEOUT_MS,
  );
});
