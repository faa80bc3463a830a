// The rotation gate over orgs provisioned in the sandbox with connected sandbox clusters: the old
// key is deleted only once every connected cluster holds the new one; a cluster whose API is down
// holds it (never a third key) and is named; it converges once the API is back. With two clusters
// and one down, the one that is up gets the new key at once. Deleted clusters do not count. An
// operator's forced retirement must name exactly the clusters that break. Manual clusters are
// never waited for.
import { and, eq } from 'drizzle-orm';
import type { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import type { DeliveryContext } from '@/server/clusters/deliver-externaldns';
import { deliverPendingClusters } from '@/server/clusters/deliver-pending-clusters';
import { registerCluster } from '@/server/clusters/register-cluster';
import { forceRetireOldKey } from '@/server/credentials/force-retire-old-key';
import { requestKeyRotation } from '@/server/credentials/request-key-rotation';
import { retireRotatedKeys } from '@/server/credentials/retire-old-key';
import { createOrganization } from '@/server/orgs/create-organization';
import { loadOrgStatusView } from '@/server/provisioning/org-status-view';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import { planOrganization } from '@/server/provisioning/plan-organization';
import { createProvisioningContext } from '@/server/provisioning/provisioning-context';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { readKubeconfig } from '../clusters/cluster-sandbox';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';
import { iamClientOf, iamKeyIds, keyIdInCluster } from './rotation-clusters';

describe('the rotation gate', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  let vault: VaultKv;
  let iam: IAMClient;
  let ctx: DeliveryContext;

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: { clusters: ['solo-prod', 'duo-a', 'duo-b'], controllerDelayMs: 200 },
    });
    store = await openSqliteTestStore();
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
    await sandbox?.close();
    await store?.destroy();
  });

  /** An org provisioned with ExternalDNS delivered to its clusters (sandbox name per cluster). */
  async function orgWithClusters(slug: string, clusters: Record<string, string | null>) {
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: slug, slug },
    );
    await reconcilePass(store, SYSTEM_ACTOR, { slugs: [slug] });
    const org = await orgOf(slug);
    expect(org.status).toBe('ready');
    for (const [name, sandboxCluster] of Object.entries(clusters)) {
      await registerCluster(
        { store, actor: SYSTEM_ACTOR, org, vault, baseDomain: BASE_DOMAIN, kubeTimeoutMs: 2000 },
        {
          name,
          policy: 'sync',
          connection: sandboxCluster
            ? {
                kind: 'kubeconfig',
                kubeconfig: readKubeconfig(sandbox.kube[sandboxCluster]!.kubeconfigPath),
              }
            : { kind: 'manual' },
        },
      );
    }
    await deliverPendingClusters(store, () => ctx);
    return { org, names: orgResourceNames(org, BASE_DOMAIN) };
  }

  const orgOf = async (slug: string): Promise<Organization> =>
    (
      await store.db
        .select()
        .from(store.t.organizations)
        .where(eq(store.t.organizations.slug, slug))
    )[0]!;
  const credentialOf = async (org: Organization) =>
    (
      await store.db
        .select()
        .from(store.t.iamCredentials)
        .where(eq(store.t.iamCredentials.orgId, org.id))
    )[0]!;
  const clusterOf = async (org: Organization, name: string) =>
    (
      await store.db
        .select()
        .from(store.t.clusters)
        .where(and(eq(store.t.clusters.orgId, org.id), eq(store.t.clusters.name, name)))
    )[0]!;
  const auditOf = async (org: Organization, action: string) =>
    (
      await store.db.select().from(store.t.auditEvents).where(eq(store.t.auditEvents.orgId, org.id))
    ).filter((e) => e.action === action);

  /** What the reconciler loop does in one pass: provisioning, delivery, then the gate. */
  async function loopPass(slug: string, now?: Date) {
    await reconcilePass(store, SYSTEM_ACTOR, { slugs: [slug] });
    await deliverPendingClusters(store, () => ctx, { now });
    return retireRotatedKeys(store, () => ctx, { slugs: [slug], now });
  }

  it('holds the old key while a cluster is down, names it, and retires the key once it is back', async () => {
    const { org, names } = await orgWithClusters('solo', { prod: 'solo-prod', gone: 'solo-prod' });
    // A deleted cluster does not count, though it never got the new key.
    await store.db
      .update(store.t.clusters)
      .set({ deletedAt: new Date() })
      .where(and(eq(store.t.clusters.orgId, org.id), eq(store.t.clusters.name, 'gone')));
    const [oldKey] = await iamKeyIds(iam, names.iamUserName);
    expect(keyIdInCluster(sandbox, 'solo-prod')).toBe(oldKey);
    const kube = sandbox.kube['solo-prod']!;
    await kube.stop();
    let retryAt: Date;
    try {
      await requestKeyRotation({ store, actor: SYSTEM_ACTOR }, org);
      const held = await loopPass('solo');
      const newKey = (await vault.readSecret(names.vaultPath))!.data.AWS_ACCESS_KEY_ID!;
      expect(newKey).not.toBe(oldKey);
      expect(held).toEqual([
        {
          slug: 'solo',
          retired: null,
          blockers: [
            {
              cluster: 'prod',
              reason: expect.stringMatching(/unreachable \(ECONNREFUSED\)/),
              nextRetryAt: expect.any(Date),
            },
          ],
        },
      ]);
      expect(await iamKeyIds(iam, names.iamUserName)).toEqual([oldKey, newKey].sort());
      expect(await credentialOf(org)).toMatchObject({
        status: 'ready',
        accessKeyId: newKey,
        retiringAccessKeyId: oldKey,
      });
      // The org page names the cluster that holds the rotation, and when it is tried again.
      const view = await loadOrgStatusView(store, await orgOf('solo'), { showAccountId: false });
      expect(view.rotationHold).toEqual({
        retiringAccessKeyId: oldKey,
        blockers: [
          {
            cluster: 'prod',
            reason: expect.stringMatching(/unreachable/),
            nextRetryAt: expect.any(String),
          },
        ],
        manualClusters: [],
      });
      // The dry run keeps the key the clusters run on, and says why.
      const plan = await planOrganization(
        createProvisioningContext(store, SYSTEM_ACTOR),
        await orgOf('solo'),
      );
      expect(plan).toEqual([
        expect.stringMatching(
          new RegExp(`^keep rotated-out key ${oldKey} until prod \\(.*unreachable`),
        ),
      ]);
      // Past its retry time, with the API still down: tried again, still held, never a third key.
      retryAt = (await clusterOf(org, 'prod')).externalDnsRetryAt!;
      const again = await loopPass('solo', new Date(retryAt.getTime() + 1));
      expect(again.map((r) => r.retired)).toEqual([null]);
      expect(await iamKeyIds(iam, names.iamUserName)).toHaveLength(2);
      await expect(requestKeyRotation({ store, actor: SYSTEM_ACTOR }, org)).rejects.toThrow(
        /previous rotation still waits for clusters/,
      );
      expect(await iamKeyIds(iam, names.iamUserName)).toHaveLength(2);
      expect(keyIdInCluster(sandbox, 'solo-prod')).toBe(oldKey);
      retryAt = (await clusterOf(org, 'prod')).externalDnsRetryAt!;
    } finally {
      await kube.start();
    }
    const converged = await loopPass('solo', new Date(retryAt.getTime() + 1));
    const newKey = (await vault.readSecret(names.vaultPath))!;
    expect(converged).toEqual([{ slug: 'solo', retired: oldKey, blockers: [] }]);
    expect(await iamKeyIds(iam, names.iamUserName)).toEqual([newKey.data.AWS_ACCESS_KEY_ID]);
    expect(keyIdInCluster(sandbox, 'solo-prod')).toBe(newKey.data.AWS_ACCESS_KEY_ID);
    expect(await clusterOf(org, 'prod')).toMatchObject({
      externalDnsState: 'running',
      credentialsVaultVersion: newKey.version,
    });
    expect((await credentialOf(org)).retiringAccessKeyId).toBeNull();
    expect((await clusterOf(org, 'gone')).credentialsVaultVersion).toBe(newKey.version - 1);
    expect((await auditOf(org, 'access_key.deleted')).map((e) => e.target)).toEqual([oldKey]);
    const view = await loadOrgStatusView(store, await orgOf('solo'), { showAccountId: false });
    expect(view.rotationHold).toBeNull();
    // Nothing left to do: the next pass does not touch the key again.
    expect(await loopPass('solo')).toEqual([]);
  });

  it('with two clusters and one down, gives the one that is up the new key and keeps the old key', async () => {
    const { org, names } = await orgWithClusters('duo', { a: 'duo-a', b: 'duo-b', edge: null });
    const [oldKey] = await iamKeyIds(iam, names.iamUserName);
    const kube = sandbox.kube['duo-b']!;
    await kube.stop();
    try {
      await requestKeyRotation({ store, actor: SYSTEM_ACTOR }, org);
      const held = await loopPass('duo');
      const current = (await vault.readSecret(names.vaultPath))!;
      const newKey = current.data.AWS_ACCESS_KEY_ID!;
      expect(held.map((r) => [r.retired, r.blockers.map((b) => b.cluster)])).toEqual([
        [null, ['b']],
      ]);
      expect(keyIdInCluster(sandbox, 'duo-a')).toBe(newKey);
      expect(keyIdInCluster(sandbox, 'duo-b')).toBe(oldKey);
      expect((await clusterOf(org, 'a')).credentialsVaultVersion).toBe(current.version);
      expect((await clusterOf(org, 'b')).credentialsVaultVersion).toBe(current.version - 1);
      expect(await iamKeyIds(iam, names.iamUserName)).toEqual([oldKey, newKey].sort());
      // The manual cluster is listed, not waited for.
      const view = await loadOrgStatusView(store, await orgOf('duo'), { showAccountId: false });
      expect(view.rotationHold?.blockers.map((b) => b.cluster)).toEqual(['b']);
      expect(view.rotationHold?.manualClusters).toEqual(['edge']);

      // Forcing needs the confirmation to name exactly the clusters that break.
      for (const confirmClusters of [[], ['a'], ['a', 'b']]) {
        await expect(
          forceRetireOldKey({ store, actor: SYSTEM_ACTOR }, org, { confirmClusters }),
        ).rejects.toThrow(/breaks b; confirm naming exactly these clusters/);
      }
      expect(await iamKeyIds(iam, names.iamUserName)).toHaveLength(2);
      const forced = await forceRetireOldKey({ store, actor: SYSTEM_ACTOR }, org, {
        confirmClusters: ['b'],
      });
      expect(forced).toEqual({ retiredAccessKeyId: oldKey, brokenClusters: ['b'] });
      expect(await iamKeyIds(iam, names.iamUserName)).toEqual([newKey]);
      expect(
        (await auditOf(org, 'access_key.force_retired')).map((e) => [e.target, e.detail]),
      ).toEqual([[oldKey, { brokenClusters: ['b'] }]]);
      expect((await credentialOf(org)).retiringAccessKeyId).toBeNull();
    } finally {
      await kube.start();
    }
    // The broken cluster gets the new key once it is back.
    const retryAt = (await clusterOf(org, 'b')).externalDnsRetryAt!;
    expect(await loopPass('duo', new Date(retryAt.getTime() + 1))).toEqual([]);
    const current = (await vault.readSecret(names.vaultPath))!;
    expect(keyIdInCluster(sandbox, 'duo-b')).toBe(current.data.AWS_ACCESS_KEY_ID);
    expect((await clusterOf(org, 'b')).credentialsVaultVersion).toBe(current.version);
  });
});
