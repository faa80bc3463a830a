// Deleting a connected cluster, end to end in the sandbox: the sandbox ExternalDNS publishes a
// Service of each of two clusters, then one cluster is deleted and the reconciler's removal pass
// takes ExternalDNS out of it (the namespace goes, the kubeconfig leaves Vault) and deletes its
// records and their TXT registry records, leaving the other cluster's and a hand-made record.
// A cluster whose API is down keeps its records until the API is back, then converges.
import { and, eq } from 'drizzle-orm';
import type { Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '@/db/rows';
import { findResourceType } from '@/sandbox/kube/kube-resources';
import { resourceKey } from '@/sandbox/kube/kube-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { describeRemovalProgress } from '@/server/clusters/cluster-removal';
import { deleteCluster } from '@/server/clusters/delete-cluster';
import { deliverPendingClusters } from '@/server/clusters/deliver-pending-clusters';
import { listClusters } from '@/server/clusters/list-clusters';
import { registerCluster } from '@/server/clusters/register-cluster';
import {
  REMOVAL_RETRY_MS,
  removeDeletedClusters,
  type ClusterRemovalStepContext,
} from '@/server/clusters/remove-deleted-clusters';
import { STORE_KINDS, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';
import { readKubeconfig } from './cluster-sandbox';
import {
  create,
  platformRoute53,
  provisionOrg,
  writeRecords,
  zoneNames,
  type ProvisionedOrg,
} from './cluster-removal-env';

const SERVICES = findResourceType('', 'v1', 'services')!;
const NAMESPACES = resourceKey(findResourceType('', 'v1', 'namespaces')!);

describe('removing deleted clusters', () => {
  let sandbox: Sandbox;
  let vault: VaultKv;
  let route53: Route53Client;

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: {
        // Two sandbox clusters per store: one org per store, each with a prod and an edge.
        clusters: STORE_KINDS.flatMap((kind) => [`${kind.name}-prod`, `${kind.name}-edge`]),
        controllerDelayMs: 200,
        externalDns: { intervalMs: 250 },
      },
    });
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    route53 = platformRoute53(sandbox);
  }, 60_000);
  afterAll(async () => {
    route53?.destroy();
    await sandbox?.close();
  });

  for (const kind of STORE_KINDS) {
    describe.skipIf(!kind.available)(kind.name, () => {
      let store: TestStore;
      let acme: ProvisionedOrg;
      const ctx = (): ClusterRemovalStepContext => ({
        vault,
        actor: SYSTEM_ACTOR,
        kubeTimeoutMs: 2000,
      });
      const slug = `acme-${kind.name}`;

      beforeAll(async () => {
        store = await kind.open();
        acme = await provisionOrg(store, slug);
        for (const [name, sandboxCluster] of [
          ['prod', `${kind.name}-prod`],
          ['edge', `${kind.name}-edge`],
        ] as const) {
          await registerCluster(
            {
              store,
              actor: SYSTEM_ACTOR,
              org: acme.org,
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
          sandbox.kube[sandboxCluster]!.api.create(
            SERVICES,
            'default',
            {
              metadata: {
                name: 'web',
                annotations: {
                  'external-dns.alpha.kubernetes.io/hostname': `${name}-web.${acme.zoneName}`,
                },
              },
              spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] },
            },
            { fieldManager: 'kubectl', dryRun: false },
          );
        }
        const delivered = await deliverPendingClusters(store, () => ({
          ...ctx(),
          store,
          baseDomain: BASE_DOMAIN,
          rolloutTimeoutMs: 20_000,
        }));
        expect(delivered.map((d) => d.result.ok)).toEqual([true, true]);
        await writeRecords(route53, acme.zoneId, [
          create({
            Name: `hand-made.${acme.zoneName}.`,
            Type: 'A',
            TTL: 60,
            ResourceRecords: [{ Value: '192.0.2.7' }],
          }),
        ]);
        await until(async () => (await zoneNames(route53, acme.zoneId)).length === 5);
      }, 120_000);
      afterAll(async () => {
        await store?.destroy();
      });

      const clusterRow = async (name: string): Promise<Cluster> => {
        const c = store.t.clusters;
        const [row] = await store.db
          .select()
          .from(c)
          .where(and(eq(c.orgId, acme.org.id), eq(c.name, name)));
        return row!;
      };
      const names = () => zoneNames(route53, acme.zoneId);
      const z = () => acme.zoneName;

      it('removes ExternalDNS from the cluster first, then its records and their TXT records only', async () => {
        expect(await names()).toEqual([
          `cname-edge-web.${z()}. TXT`,
          `cname-prod-web.${z()}. TXT`,
          `edge-web.${z()}. CNAME`,
          `hand-made.${z()}. A`,
          `prod-web.${z()}. CNAME`,
        ]);
        const work = await deleteCluster(
          { store, actor: SYSTEM_ACTOR, org: acme.org },
          { name: 'prod' },
        );
        expect(work.connected).toBe(true);
        expect(describeRemovalProgress(await clusterRow('prod'))).toBe(
          'Removing ExternalDNS from the cluster…',
        );

        const results = await removeDeletedClusters(store, ctx);
        expect(results).toEqual([{ org: slug, cluster: 'prod', state: 'done' }]);

        const prod = sandbox.kube[`${kind.name}-prod`]!;
        expect(
          prod.store.get(
            resourceKey(findResourceType('apps', 'v1', 'deployments')!),
            'external-dns',
            'external-dns',
          ),
        ).toBeUndefined();
        await until(
          async () => !prod.store.list(NAMESPACES).some((ns) => nameOf(ns) === 'external-dns'),
        );
        expect(await vault.readSecret((await clusterRow('prod')).kubeconfigVaultPath!)).toBeNull();
        expect(await names()).toEqual([
          `cname-edge-web.${z()}. TXT`,
          `edge-web.${z()}. CNAME`,
          `hand-made.${z()}. A`,
        ]);
        const row = await clusterRow('prod');
        expect(row).toMatchObject({
          removalState: 'done',
          removalRecordsFound: 2,
          removalRecordsDeleted: 2,
          removalError: null,
        });
        expect(describeRemovalProgress(row)).toMatch(/^Done at .*: 2 records deleted\.$/);
        const listed = await listClusters(store, acme.org);
        expect(listed.find((c) => c.name === 'prod')?.removal).toBe(describeRemovalProgress(row));
        expect(listed.find((c) => c.name === 'edge')?.removal).toBeNull();
        const audit = await store.db
          .select()
          .from(store.t.auditEvents)
          .where(eq(store.t.auditEvents.target, 'prod'));
        expect(audit.map((e) => e.action)).toEqual(
          expect.arrayContaining([
            'cluster.deleted',
            'cluster.externaldns_removed',
            'cluster.records_deleted',
          ]),
        );
        expect(audit.find((e) => e.action === 'cluster.records_deleted')?.detail).toMatchObject({
          found: 2,
          deleted: 2,
          batches: 1,
        });
        // Nothing more to do on the next pass.
        expect(await removeDeletedClusters(store, ctx)).toEqual([]);
      });

      it('keeps the records of a cluster whose API is down, says why, and converges once it is back', async () => {
        const edge = sandbox.kube[`${kind.name}-edge`]!;
        await edge.stop();
        try {
          await deleteCluster({ store, actor: SYSTEM_ACTOR, org: acme.org }, { name: 'edge' });
          const [failed] = await removeDeletedClusters(store, ctx);
          expect(failed).toEqual({
            org: slug,
            cluster: 'edge',
            state: 'removing-externaldns',
            error: expect.stringMatching(/^The API of edge is unreachable \(ECONNREFUSED\)/),
          });
          const row = await clusterRow('edge');
          expect(row.removalState).toBe('removing-externaldns');
          expect(row.removalRetryAt!.getTime()).toBeGreaterThan(Date.now() + REMOVAL_RETRY_MS / 2);
          expect(describeRemovalProgress(row)).toMatch(
            /^Removing ExternalDNS from the cluster… The API of edge is unreachable/,
          );
          // Its records stay while its ExternalDNS may still be running; the kubeconfig stays too.
          expect(await names()).toContain(`edge-web.${z()}. CNAME`);
          expect(await vault.readSecret(row.kubeconfigVaultPath!)).not.toBeNull();
          expect(await removeDeletedClusters(store, ctx)).toEqual([]);
        } finally {
          await edge.start();
        }
        const retryAt = (await clusterRow('edge')).removalRetryAt!;
        const converged = await removeDeletedClusters(store, ctx, {
          now: new Date(retryAt.getTime() + 1),
        });
        expect(converged).toEqual([{ org: slug, cluster: 'edge', state: 'done' }]);
        expect(await names()).toEqual([`hand-made.${z()}. A`]);
        expect(await clusterRow('edge')).toMatchObject({
          removalState: 'done',
          removalError: null,
          removalRetryAt: null,
          removalRecordsDeleted: 2,
        });
      });
    });
  }
});

const nameOf = (object: { metadata?: unknown }) =>
  (object.metadata as { name?: string } | undefined)?.name;

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
