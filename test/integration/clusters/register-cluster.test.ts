// Registering clusters against the sandbox's Vault and Kubernetes API, on both stores: the
// kubeconfig checked live before anything is stored, then kept in Vault only.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import type { Actor } from '@/server/auth/actor';
import type { VaultKv } from '@/server/cloud/vault';
import { hashStatusToken } from '@/server/clusters/cluster-secrets';
import { registerCluster, type RegisterClusterRequest } from '@/server/clusters/register-cluster';
import { DomainError } from '@/server/errors/domain-error';
import { STORE_KINDS, type TestStore } from '../../support/stores';
import {
  BASE_DOMAIN,
  insertOrg,
  readKubeconfig,
  startClusterSandbox,
  storedKubeconfigPaths,
} from './cluster-sandbox';

const actor: Actor = { type: 'user', id: 'u-ada', label: 'ada@example.com' };

/** The refusal a registration ends in, or a failure of the test when it succeeds. */
async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw error;
  return error;
}

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`registerCluster (${kind.name})`, () => {
    let store: TestStore;
    let sandbox: Sandbox;
    let vault: VaultKv;
    let org: Organization;
    let adminKubeconfig: string;

    beforeAll(async () => {
      store = await kind.open();
      ({ sandbox, vault } = await startClusterSandbox(['acme-prod']));
      org = await insertOrg(store, 'acme');
      adminKubeconfig = readKubeconfig(sandbox.kube['acme-prod']!.kubeconfigPath);
    });
    afterAll(async () => {
      await sandbox?.close();
      await store?.destroy();
    });

    const register = (input: Partial<RegisterClusterRequest> & { name: string }) =>
      registerCluster(
        { store, actor, org, vault, baseDomain: BASE_DOMAIN, kubeTimeoutMs: 3000 },
        {
          policy: 'sync',
          connection: { kind: 'kubeconfig', kubeconfig: adminKubeconfig },
          ...input,
        },
      );
    const clusterRows = () => store.db.select().from(store.t.clusters);

    /** Asserts that a refused registration left no row, no Vault secret and no audit event. */
    async function expectNothingStored(before: { rows: number; secrets: number; events: number }) {
      expect((await clusterRows()).length).toBe(before.rows);
      expect(storedKubeconfigPaths(sandbox).length).toBe(before.secrets);
      expect((await store.db.select().from(store.t.auditEvents)).length).toBe(before.events);
    }
    const counts = async () => ({
      rows: (await clusterRows()).length,
      secrets: storedKubeconfigPaths(sandbox).length,
      events: (await store.db.select().from(store.t.auditEvents)).length,
    });

    it('stores the kubeconfig in Vault only, the row keeps its path and version and the token hash', async () => {
      const { cluster, statusToken } = await register({ name: 'prod', txtPrefix: 'txt.' });
      expect(cluster).toMatchObject({
        name: 'prod',
        status: 'pending',
        connectionKind: 'kubeconfig',
        externalDnsPolicy: 'sync',
        txtPrefix: 'txt.',
        kubeconfigVaultPath: `zonekeeper/orgs/acme/clusters/${cluster.uid}/kubeconfig`,
        kubeconfigVaultVersion: 1,
        statusTokenHash: hashStatusToken(statusToken),
      });
      expect(cluster.uid).toMatch(/^zkc-[0-9a-f]{24}$/);
      const secret = await vault.readSecret(cluster.kubeconfigVaultPath!);
      expect(secret).toEqual({ data: { kubeconfig: adminKubeconfig }, version: 1 });

      // Neither the kubeconfig's token nor the status token reach the database.
      const token = sandbox.kube['acme-prod']!.adminToken;
      const [row] = await store.db
        .select()
        .from(store.t.clusters)
        .where(eq(store.t.clusters.id, cluster.id));
      const events = await store.db.select().from(store.t.auditEvents);
      const stored = JSON.stringify({ row, events });
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(statusToken);
      expect(events.map((e) => [e.action, e.target])).toEqual([['cluster.registered', 'prod']]);
    });

    it('registers a manual cluster with nothing in Vault', async () => {
      const before = storedKubeconfigPaths(sandbox).length;
      const { cluster } = await register({
        name: 'edge',
        policy: 'upsert-only',
        connection: { kind: 'manual' },
      });
      expect(cluster).toMatchObject({
        connectionKind: 'manual',
        externalDnsPolicy: 'upsert-only',
        kubeconfigVaultPath: null,
        kubeconfigVaultVersion: null,
      });
      expect(storedKubeconfigPaths(sandbox).length).toBe(before);
    });

    it('accepts a read-only identity: listing namespaces is all registration asks', async () => {
      const viewer = readKubeconfig(sandbox.kube['acme-prod']!.viewerKubeconfigPath);
      const { cluster } = await register({
        name: 'readonly',
        connection: { kind: 'kubeconfig', kubeconfig: viewer },
      });
      expect(cluster.connectionKind).toBe('kubeconfig');
    });

    it('refuses a wrong token as credentials refused, storing nothing', async () => {
      const before = await counts();
      const config = parse(adminKubeconfig) as { users: { user: { token: string } }[] };
      config.users[0]!.user.token = 'not-the-token';
      const error = await refusal(
        register({
          name: 'wrong',
          connection: { kind: 'kubeconfig', kubeconfig: stringify(config) },
        }),
      );
      expect(error.fields?.kubeconfig?.[0]).toMatch(/refused the credentials \(401/);
      expect(JSON.stringify(error)).not.toContain('not-the-token');
      await expectNothingStored(before);
    });

    it('refuses a cluster that does not answer, storing nothing, and accepts it once back', async () => {
      const before = await counts();
      const cluster = sandbox.kube['acme-prod']!;
      await cluster.stop();
      try {
        const error = await refusal(register({ name: 'down' }));
        expect(error.fields?.kubeconfig?.[0]).toMatch(
          new RegExp(`at ${cluster.url.replace(/\/$/, '')}.* does not answer \\(ECONNREFUSED\\)`),
        );
        await expectNothingStored(before);
      } finally {
        await cluster.start();
      }
      await expect(register({ name: 'down' })).resolves.toBeTruthy();
    });

    it.each([
      ['YAML that does not parse', 'clusters: [\n  - {', /does not parse as YAML at line/],
      ['no current context', 'apiVersion: v1\nkind: Config\nclusters: []\n', /no current context/],
    ])('refuses %s, storing nothing', async (_, kubeconfig, says) => {
      const before = await counts();
      const error = await refusal(
        register({ name: 'bad', connection: { kind: 'kubeconfig', kubeconfig } }),
      );
      expect(error.fields?.kubeconfig?.[0]).toMatch(says);
      await expectNothingStored(before);
    });

    it.each([
      ['a name that is taken', { name: 'prod' }, 'name', /already has a cluster named "prod"/],
      ['capitals', { name: 'Prod' }, 'name', /lower-case.*"prod"/],
      ['two labels', { name: 'eu.prod' }, 'name', /one DNS label.*"eu-prod"/],
      [
        'a TXT prefix and suffix together',
        { name: 'both', txtPrefix: 'txt.', txtSuffix: '-txt' },
        'txtSuffix',
        /refuses --txt-prefix and --txt-suffix together/,
      ],
      [
        'an unknown policy',
        { name: 'pol', policy: 'create-only' },
        'policy',
        /sync or upsert-only/,
      ],
    ] as const)(
      'refuses %s with a message on its field, storing nothing',
      async (_, input, field, says) => {
        const before = await counts();
        const error = await refusal(register(input as RegisterClusterRequest));
        expect(error.fields?.[field]?.[0]).toMatch(says);
        await expectNothingStored(before);
      },
    );

    it('lets one of two simultaneous registrations of a name win, and leaves no secret of the other', async () => {
      const before = storedKubeconfigPaths(sandbox).length;
      const results = await Promise.allSettled([
        register({ name: 'twin' }),
        register({ name: 'twin' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((rejected.reason as DomainError).fields?.name?.[0]).toMatch(/already has a cluster/);
      expect(storedKubeconfigPaths(sandbox).length).toBe(before + 1);
    });
  });
}
