// The reconciler's ExternalDNS pass over an org provisioned in the sandbox: connected clusters
// get ExternalDNS with the org's current key, again after a key rotation, never manual ones; a
// cluster whose API is down waits for its retry time and converges once the API is back.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { DELIVERY_RETRY_MS, type DeliveryContext } from '@/server/clusters/deliver-externaldns';
import { deliverPendingClusters } from '@/server/clusters/deliver-pending-clusters';
import { registerCluster } from '@/server/clusters/register-cluster';
import { requestKeyRotation } from '@/server/credentials/request-key-rotation';
import { retireRotatedKeys } from '@/server/credentials/retire-old-key';
import { createOrganization } from '@/server/orgs/create-organization';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';
import { readKubeconfig } from './cluster-sandbox';

describe('deliverPendingClusters', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  let vault: VaultKv;
  let org: Organization;
  let ctx: DeliveryContext;

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: { clusters: ['acme-prod'], controllerDelayMs: 300 },
    });
    store = await openSqliteTestStore();
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Acme', slug: 'acme' },
    );
    await reconcilePass(store, SYSTEM_ACTOR, { slugs: ['acme'] });
    const [provisioned] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, 'acme'));
    org = provisioned!;
    ctx = {
      store,
      vault,
      actor: SYSTEM_ACTOR,
      baseDomain: BASE_DOMAIN,
      kubeTimeoutMs: 2000,
      rolloutTimeoutMs: 20_000,
    };
    const registration = { store, actor: SYSTEM_ACTOR, org, vault, baseDomain: BASE_DOMAIN };
    await registerCluster(
      { ...registration, kubeTimeoutMs: 2000 },
      {
        name: 'prod',
        policy: 'sync',
        connection: {
          kind: 'kubeconfig',
          kubeconfig: readKubeconfig(sandbox.kube['acme-prod']!.kubeconfigPath),
        },
      },
    );
    await registerCluster(
      { ...registration, kubeTimeoutMs: 2000 },
      { name: 'edge', policy: 'sync', connection: { kind: 'manual' } },
    );
  });
  afterAll(async () => {
    await sandbox?.close();
    await store?.destroy();
  });

  const pass = (now?: Date) => deliverPendingClusters(store, () => ctx, { now });
  const prod = async () =>
    (await store.db.select().from(store.t.clusters).where(eq(store.t.clusters.name, 'prod')))[0]!;
  const keyVersion = async () => (await vault.readSecret('zonekeeper/orgs/acme/route53'))!.version;

  it('delivers to the connected cluster only, then has nothing to do', async () => {
    const first = await pass();
    expect(first.map((d) => [d.cluster, d.result.ok])).toEqual([['prod', true]]);
    expect(await prod()).toMatchObject({
      externalDnsState: 'running',
      credentialsVaultVersion: await keyVersion(),
    });
    expect(await pass()).toEqual([]);
  });

  it('rolls a rotated key out to the cluster', async () => {
    const before = await keyVersion();
    await requestKeyRotation({ store, actor: SYSTEM_ACTOR }, org);
    await reconcilePass(store, SYSTEM_ACTOR, { slugs: ['acme'] });
    const after = await keyVersion();
    expect(after).toBeGreaterThan(before);
    const delivered = await pass();
    expect(delivered.map((d) => d.result)).toEqual([
      { ok: true, state: 'running', keyVersion: after },
    ]);
    expect((await prod()).credentialsVaultVersion).toBe(after);
    // The cluster holds the new key, so the rotation gate may delete the old one.
    const retired = await retireRotatedKeys(store, () => ctx);
    expect(retired).toEqual([{ slug: 'acme', retired: expect.any(String), blockers: [] }]);
  });

  it('waits out the retry time of a cluster whose API is down, and converges once it is back', async () => {
    await requestKeyRotation({ store, actor: SYSTEM_ACTOR }, org);
    await reconcilePass(store, SYSTEM_ACTOR, { slugs: ['acme'] });
    const held = (await prod()).credentialsVaultVersion;
    const kube = sandbox.kube['acme-prod']!;
    await kube.stop();
    try {
      const failed = await pass();
      expect(failed.map((d) => d.result)).toEqual([
        {
          ok: false,
          state: 'degraded',
          explanation: expect.stringMatching(/unreachable \(ECONNREFUSED\)/),
        },
      ]);
      const row = await prod();
      expect(row).toMatchObject({ credentialsVaultVersion: held, externalDnsState: 'degraded' });
      expect(row.externalDnsError).toMatch(/unreachable/);
      expect(row.externalDnsRetryAt!.getTime()).toBeGreaterThan(Date.now() + DELIVERY_RETRY_MS / 2);
      expect(await pass()).toEqual([]);
    } finally {
      await kube.start();
    }
    const retryAt = (await prod()).externalDnsRetryAt!;
    const converged = await pass(new Date(retryAt.getTime() + 1));
    expect(converged.map((d) => d.result)).toEqual([
      { ok: true, state: 'running', keyVersion: await keyVersion() },
    ]);
    expect(await prod()).toMatchObject({ externalDnsError: null, externalDnsRetryAt: null });
  });
});
