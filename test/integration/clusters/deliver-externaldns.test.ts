// Delivering ExternalDNS to sandbox clusters for an org provisioned by the reconciler: applied
// with server-side apply, the rollout watched, state and key version stored; a read-only
// identity, a stopped API and its return each end as the design says.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster, Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { deliverExternalDns, type DeliveryContext } from '@/server/clusters/deliver-externaldns';
import { KEY_VERSION_ANNOTATION } from '@/server/clusters/externaldns-bundle';
import { registerCluster } from '@/server/clusters/register-cluster';
import { createOrganization } from '@/server/orgs/create-organization';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { kubectl } from '../conformance/kube/kube-target';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';
import { readKubeconfig } from './cluster-sandbox';

describe('deliverExternalDns', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  let vault: VaultKv;
  let org: Organization;
  let ctx: DeliveryContext;

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: { clusters: ['acme-prod', 'acme-view'], controllerDelayMs: 300 },
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
    const pass = await reconcilePass(store, SYSTEM_ACTOR, { slugs: ['acme'] });
    expect(pass.results.map((r) => r.outcome)).toEqual(['ready']);
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
  });
  afterAll(async () => {
    await sandbox?.close();
    await store?.destroy();
  });

  const register = async (name: string, kubeconfigPath: string) =>
    (
      await registerCluster(
        {
          store,
          actor: SYSTEM_ACTOR,
          org: org,
          vault,
          baseDomain: BASE_DOMAIN,
          kubeTimeoutMs: 2000,
        },
        {
          name,
          policy: 'sync',
          connection: { kind: 'kubeconfig', kubeconfig: readKubeconfig(kubeconfigPath) },
        },
      )
    ).cluster;
  const reload = async (cluster: Cluster) =>
    (await store.db.select().from(store.t.clusters).where(eq(store.t.clusters.id, cluster.id)))[0]!;
  const keyVersion = async () =>
    (await vault.readSecret(orgResourceNames(org, BASE_DOMAIN).vaultPath))!.version;

  it('applies the bundle, waits for the rollout, and stores running with the key version held', async () => {
    const kube = sandbox.kube['acme-prod']!;
    const cluster = await register('prod', kube.kubeconfigPath);
    const result = await deliverExternalDns(ctx, org, cluster);
    const version = await keyVersion();
    expect(result).toEqual({ ok: true, state: 'running', keyVersion: version });
    expect(await reload(cluster)).toMatchObject({
      externalDnsState: 'running',
      credentialsVaultVersion: version,
    });
    // kubectl's home and discovery cache in a scratch directory of its own.
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-deliver-kubectl-'));
    const target = { clusters: {}, workDir, close: async () => {} };
    const annotation = await kubectl(target, kube.kubeconfigPath, [
      '-n',
      'external-dns',
      'get',
      'deploy',
      'external-dns',
      '-o',
      `jsonpath={.spec.template.metadata.annotations.${KEY_VERSION_ANNOTATION.replaceAll('.', '\\.')}}`,
    ]);
    fs.rmSync(workDir, { recursive: true, force: true });
    expect(annotation.stdout).toBe(String(version));
    const audit = await store.db
      .select()
      .from(store.t.auditEvents)
      .where(eq(store.t.auditEvents.action, 'externaldns.delivered'));
    expect(audit.map((e) => e.target)).toEqual(['prod']);
  });

  it('is degraded with the API stopped, keeping the key version, and converges once it is back', async () => {
    const kube = sandbox.kube['acme-prod']!;
    const cluster = (
      await store.db.select().from(store.t.clusters).where(eq(store.t.clusters.name, 'prod'))
    )[0]!;
    await kube.stop();
    let result;
    try {
      result = await deliverExternalDns(ctx, org, cluster);
    } finally {
      await kube.start();
    }
    expect(result).toMatchObject({ ok: false, state: 'degraded' });
    expect(result.ok ? '' : result.explanation).toMatch(
      /API of prod is unreachable \(ECONNREFUSED\)/,
    );
    expect(await reload(cluster)).toMatchObject({
      externalDnsState: 'degraded',
      credentialsVaultVersion: cluster.credentialsVaultVersion,
    });
    const again = await deliverExternalDns(ctx, org, await reload(cluster));
    expect(again).toMatchObject({ ok: true, state: 'running' });
  });

  it('fails with a forbidden explanation for a read-only identity', async () => {
    const cluster = await register('view', sandbox.kube['acme-view']!.viewerKubeconfigPath);
    const result = await deliverExternalDns(ctx, org, cluster);
    expect(result).toMatchObject({ ok: false, state: 'failed' });
    expect(result.ok ? '' : result.explanation).toMatch(/may not apply the bundle \(403 Forbidden/);
    expect(await reload(cluster)).toMatchObject({
      externalDnsState: 'failed',
      credentialsVaultVersion: null,
    });
  });
});
