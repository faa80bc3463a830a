// The verbs and the view behind the cluster pages, on both stores: a status set by hand (audited,
// "last reported" moved), a redeploy request (marked for the reconciler's next pass, refused for
// manual clusters), and the view pages and their live routes send (no kubeconfig, ever).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import type { Actor } from '@/server/auth/actor';
import type { VaultKv } from '@/server/cloud/vault';
import { loadClusterDetailView, loadClusterListView } from '@/server/clusters/cluster-view';
import { deleteCluster } from '@/server/clusters/delete-cluster';
import { registerCluster } from '@/server/clusters/register-cluster';
import { requestRedeploy } from '@/server/clusters/request-redeploy';
import { setClusterStatus } from '@/server/clusters/set-cluster-status';
import { DomainError } from '@/server/errors/domain-error';
import { STORE_KINDS, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, insertOrg, readKubeconfig, startClusterSandbox } from './cluster-sandbox';

const actor: Actor = { type: 'user', id: 'u-ada', label: 'ada@example.com' };

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw error;
  return error;
}

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`cluster page verbs (${kind.name})`, () => {
    let store: TestStore;
    let sandbox: Sandbox;
    let vault: VaultKv;
    let org: Organization;
    let other: Organization;
    let kubeconfig: string;

    beforeAll(async () => {
      store = await kind.open();
      ({ sandbox, vault } = await startClusterSandbox(['acme-prod']));
      org = await insertOrg(store, 'acme');
      other = await insertOrg(store, 'globex');
      kubeconfig = readKubeconfig(sandbox.kube['acme-prod']!.kubeconfigPath);
      const context = { store, actor, vault, baseDomain: BASE_DOMAIN, kubeTimeoutMs: 3000 };
      await registerCluster(
        { ...context, org },
        { name: 'prod', policy: 'sync', connection: { kind: 'kubeconfig', kubeconfig } },
      );
      await registerCluster(
        { ...context, org },
        { name: 'edge', policy: 'upsert-only', connection: { kind: 'manual' } },
      );
      await registerCluster(
        { ...context, org: other },
        { name: 'secret-one', policy: 'sync', connection: { kind: 'manual' } },
      );
    });
    afterAll(async () => {
      await sandbox?.close();
      await store?.destroy();
    });

    const row = async (name: string) =>
      (
        await store.db
          .select()
          .from(store.t.clusters)
          .where(and(eq(store.t.clusters.orgId, org.id), eq(store.t.clusters.name, name)))
      )[0]!;
    const events = async (action: string) =>
      (await store.db.select().from(store.t.auditEvents)).filter((e) => e.action === action);

    it('sets a status by hand with the time it was reported, audited with who and from what', async () => {
      const at = new Date('2026-12-01T10:00:00Z');
      const set = await setClusterStatus(
        { store, actor, org },
        { name: 'edge', status: 'running' },
        () => at,
      );
      expect(set).toEqual({ name: 'edge', status: 'running', lastSeenAt: at });
      expect(await row('edge')).toMatchObject({ status: 'running', lastSeenAt: at });
      const [event] = await events('cluster.status_set');
      expect(event).toMatchObject({
        actorLabel: 'ada@example.com',
        target: 'edge',
        detail: { from: 'pending', to: 'running' },
      });
    });

    it('refuses a status outside pending/running/stopped, and another org’s cluster, changing nothing', async () => {
      const before = await row('edge');
      for (const status of ['deleted', 'exploded', '']) {
        const error = await refusal(
          setClusterStatus({ store, actor, org }, { name: 'edge', status }),
        );
        expect(error.code).toBe('invalid_input');
        expect(error.fields?.status?.[0]).toContain('"pending", "running" or "stopped"');
      }
      const foreign = await refusal(
        setClusterStatus({ store, actor, org }, { name: 'secret-one', status: 'stopped' }),
      );
      expect(foreign.code).toBe('not_found');
      expect(await row('edge')).toEqual(before);
      expect(await events('cluster.status_set')).toHaveLength(1);
    });

    it('marks a connected cluster for redelivery now, and refuses a manual one', async () => {
      await store.db
        .update(store.t.clusters)
        .set({
          externalDnsState: 'failed',
          externalDnsRetryAt: new Date(Date.now() + 60_000),
          externalDnsError: 'The API of prod is unreachable',
        })
        .where(eq(store.t.clusters.id, (await row('prod')).id));
      expect(await requestRedeploy({ store, actor, org }, { name: 'prod' })).toEqual({
        name: 'prod',
      });
      expect(await row('prod')).toMatchObject({
        externalDnsState: 'deploying',
        externalDnsRetryAt: null,
      });
      expect(await events('externaldns.redeploy_requested')).toEqual([
        expect.objectContaining({
          target: 'prod',
          detail: expect.objectContaining({ from: 'failed' }),
        }),
      ]);
      const manual = await refusal(requestRedeploy({ store, actor, org }, { name: 'edge' }));
      expect(manual.code).toBe('invalid_input');
      expect(manual.message).toContain('manual cluster');
      expect((await row('edge')).externalDnsState).toBe('not-deployed');
    });

    it('shows where the cluster is reached and kept, every bundle object, and never the kubeconfig', async () => {
      const view = await loadClusterDetailView(store, org, 'prod');
      const server = new URL(sandbox.kube['acme-prod']!.url);
      expect(view.cluster).toMatchObject({
        name: 'prod',
        connection: 'kubeconfig',
        apiServerHost: server.host,
        kubeconfigVaultPath: expect.stringMatching(/^zonekeeper\/orgs\/acme\/clusters\/zkc-/),
        kubeconfigVaultVersion: 1,
        externalDnsState: 'deploying',
      });
      expect(view.cluster.objects.map((o) => o.kind)).toEqual([
        'Namespace',
        'Secret',
        'ServiceAccount',
        'ClusterRole',
        'ClusterRoleBinding',
        'Deployment',
      ]);
      expect(view.cluster.objects.every((o) => o.state === 'being applied')).toBe(true);
      const json = JSON.stringify(view);
      expect(json).not.toContain(kubeconfig.slice(0, 40));
      for (const line of kubeconfig.split('\n').filter((l) => /token|data:/.test(l))) {
        expect(json).not.toContain(line.split(':').slice(1).join(':').trim());
      }
      expect(JSON.stringify(await loadClusterListView(store, org))).not.toContain('secret-one');
    });

    it('names when ExternalDNS was last applied from the newest delivery event', async () => {
      const a = store.t.auditEvents;
      for (const occurredAt of [
        new Date('2026-11-01T00:00:00Z'),
        new Date('2026-11-02T00:00:00Z'),
      ]) {
        await store.db.insert(a).values({
          id: crypto.randomUUID(),
          occurredAt,
          actorType: 'system',
          actorLabel: 'reconciler',
          orgId: org.id,
          action: 'externaldns.delivered',
          target: 'prod',
          outcome: 'success',
        });
      }
      const list = await loadClusterListView(store, org);
      const prod = list.clusters.find((c) => c.name === 'prod')!;
      expect(prod.lastAppliedAt).toBe('2026-11-02T00:00:00.000Z');
      expect(list.clusters.find((c) => c.name === 'edge')!.lastAppliedAt).toBeNull();
    });

    it('answers a deleted cluster’s page as missing while the list keeps it last', async () => {
      await deleteCluster({ store, actor, org }, { name: 'edge' });
      const error = await refusal(loadClusterDetailView(store, org, 'edge'));
      expect(error.code).toBe('not_found');
      const list = await loadClusterListView(store, org);
      expect(list.clusters.map((c) => c.name)).toEqual(['prod', 'edge']);
      expect(list.clusters[1]!.deletedAt).not.toBeNull();
    });
  });
}
