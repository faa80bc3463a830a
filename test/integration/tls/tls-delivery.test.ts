// The TLS step against the sandbox: a CA and certificates per org, delivered to a connected
// cluster as kubernetes.io/tls Secrets read back through the kube API; the chain checked with the
// real openssl and a TLS handshake; renewal at two thirds of the lifetime with the cluster away
// and with Vault away; namespaces listed by the admin; revocation when the cluster is deleted.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { CoreV1Api } from '@kubernetes/client-node';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster, Organization } from '@/db/rows';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { deleteCluster } from '@/server/clusters/delete-cluster';
import type { TlsDeliveryContext } from '@/server/tls/deliver-tls-secrets';
import { listCertificates, readCaCertificate } from '@/server/tls/list-certificates';
import { reconcileTls } from '@/server/tls/reconcile-tls';
import { renewCertificates } from '@/server/tls/renew-certificates';
import { setTlsNamespaces } from '@/server/tls/set-tls-namespaces';
import { SERIAL_ANNOTATION } from '@/server/tls/tls-secret';
import type { OutageRelay } from '../../support/outage-relay';
import { openPostgresTestStore, openSqliteTestStore, type TestStore } from '../../support/stores';
import { BASE_DOMAIN } from '../clusters/cluster-sandbox';
import {
  coreApiOf,
  readyOrgs,
  readSecret,
  registerConnectedCluster,
  secretText,
  tlsContextThroughRelay,
} from './tls-env';

const DAY_MS = 24 * 60 * 60 * 1000;
const ORG_SECRET = 'zonekeeper-org-tls';
const CLUSTER_SECRET = 'zonekeeper-cluster-tls';

const STORES = { sqlite: openSqliteTestStore, postgres: openPostgresTestStore };

describe.each(Object.keys(STORES) as (keyof typeof STORES)[])(
  'TLS certificates delivered to a cluster (%s)',
  (dialect) => {
    let sandbox: Sandbox;
    let store: TestStore;
    let relay: OutageRelay;
    let ctx: TlsDeliveryContext;
    let acme: Organization;
    let other: Organization;
    let cluster: Cluster;
    let kube: CoreV1Api;
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-tls-'));
    const start = new Date();

    beforeAll(async () => {
      sandbox = await startSandbox({
        baseDomain: BASE_DOMAIN,
        kube: { clusters: ['acme-prod'], externalDns: false },
      });
      store = await STORES[dialect]();
      const orgs = await readyOrgs(store, ['acme', 'other']);
      acme = orgs[0]!;
      other = orgs[1]!;
      ({ ctx, relay } = await tlsContextThroughRelay(sandbox, store));
      const kubeconfig = sandbox.kube['acme-prod']!.kubeconfigPath;
      cluster = await registerConnectedCluster(sandbox, store, acme, 'prod', kubeconfig);
      kube = coreApiOf(kubeconfig);
    }, 120_000);
    afterAll(async () => {
      await relay?.close();
      await sandbox?.close();
      await store?.destroy();
      fs.rmSync(workDir, { recursive: true, force: true });
    });

    const pass = (now: Date) => reconcileTls(store, () => ctx, { now });
    const active = async (org: Organization, clusterId: string | null) => {
      const c = store.t.tlsCertificates;
      const rows = await store.db
        .select()
        .from(c)
        .where(and(eq(c.orgId, org.id), eq(c.state, 'active')));
      return rows.filter((r) => r.clusterId === clusterId);
    };
    const heldSerial = async (namespace: string, name: string) =>
      (await readSecret(kube, namespace, name))?.metadata?.annotations?.[SERIAL_ANNOTATION] ?? null;
    const file = (name: string, text: string) => {
      const at = path.join(workDir, name);
      fs.writeFileSync(at, text);
      return at;
    };
    const openssl = (args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });

    it('makes a CA and certificates per org and delivers both Secrets to the default namespace', async () => {
      const reports = await pass(start);
      expect(reports).toEqual([
        {
          org: 'acme',
          cluster: 'prod',
          outcomes: [
            {
              namespace: 'default',
              secretName: ORG_SECRET,
              kind: 'apply',
              ok: true,
              explanation: undefined,
            },
            {
              namespace: 'default',
              secretName: CLUSTER_SECRET,
              kind: 'apply',
              ok: true,
              explanation: undefined,
            },
          ],
        },
      ]);
      const [orgCertificate] = await active(acme, null);
      const [clusterCertificate] = await active(acme, cluster.id);
      expect(orgCertificate!.dnsNames).toEqual(['*.acme.zonekeeper.test', 'acme.zonekeeper.test']);
      expect(clusterCertificate!.dnsNames).toEqual([
        '*.prod.acme.zonekeeper.test',
        'prod.acme.zonekeeper.test',
      ]);
      // The other org has its own CA and zone certificate, and no cluster.
      expect((await active(other, null)).map((c) => c.dnsNames)).toEqual([
        ['*.other.zonekeeper.test', 'other.zonekeeper.test'],
      ]);
      const secret = (await readSecret(kube, 'default', CLUSTER_SECRET))!;
      expect(secret.type).toBe('kubernetes.io/tls');
      expect(Object.keys(secret.data ?? {}).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
      expect(secret.metadata?.annotations?.[SERIAL_ANNOTATION]).toBe(clusterCertificate!.serial);
      expect(secretText(secret, 'ca.crt')).toBe(await readCaCertificate(store, acme));
      // tls.crt is the leaf, then the CA.
      expect(secretText(secret, 'tls.crt')).toBe(
        clusterCertificate!.certificatePem + (await readCaCertificate(store, acme)),
      );
      // A second pass finds everything delivered and does nothing.
      expect(await pass(new Date(start.getTime() + 60_000))).toEqual([]);
    });

    it('issues a chain the real openssl verifies, with the names, usages, validity and pathlen asked for', async () => {
      const secret = (await readSecret(kube, 'default', CLUSTER_SECRET))!;
      const caFile = file('ca.pem', secretText(secret, 'ca.crt'));
      const [leafPem] = secretText(secret, 'tls.crt').split(/(?<=-----END CERTIFICATE-----\n)/);
      const leafFile = file('leaf.pem', leafPem!);
      expect(openssl(['verify', '-CAfile', caFile, leafFile]).stdout.trim()).toBe(
        `${leafFile}: OK`,
      );

      const leafText = execFileSync('openssl', ['x509', '-text', '-noout', '-in', leafFile], {
        encoding: 'utf8',
      });
      expect(leafText).toContain('DNS:*.prod.acme.zonekeeper.test, DNS:prod.acme.zonekeeper.test');
      expect(leafText).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
      expect(leafText).toMatch(
        /X509v3 Extended Key Usage: \s*\n\s+TLS Web Server Authentication\n/,
      );
      expect(leafText).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
      expect(leafText).toContain('X509v3 Subject Key Identifier');
      expect(leafText).toContain('X509v3 Authority Key Identifier');
      expect(leafText).toContain('Public Key Algorithm: id-ecPublicKey');
      expect(leafText).toContain('NIST CURVE: P-256');
      const dates = execFileSync(
        'openssl',
        ['x509', '-noout', '-startdate', '-enddate', '-serial', '-in', leafFile],
        { encoding: 'utf8' },
      );
      const notBefore = new Date(/notBefore=(.+)/.exec(dates)![1]!);
      const notAfter = new Date(/notAfter=(.+)/.exec(dates)![1]!);
      expect(notAfter.getTime() - notBefore.getTime()).toBe(90 * DAY_MS);
      // A positive serial of at least 64 bits: 16 bytes, the top bit clear.
      const serial = /serial=([0-9A-F]+)/.exec(dates)![1]!;
      expect(serial.length).toBe(32);
      expect(Number.parseInt(serial[0]!, 16)).toBeLessThan(8);

      const caText = execFileSync('openssl', ['x509', '-text', '-noout', '-in', caFile], {
        encoding: 'utf8',
      });
      expect(caText).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
      expect(caText).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
      expect(caText).toContain('X509v3 Subject Key Identifier');
      const caDates = execFileSync(
        'openssl',
        ['x509', '-noout', '-startdate', '-enddate', '-in', caFile],
        {
          encoding: 'utf8',
        },
      );
      const caLifetime =
        new Date(/notAfter=(.+)/.exec(caDates)![1]!).getTime() -
        new Date(/notBefore=(.+)/.exec(caDates)![1]!).getTime();
      expect(caLifetime).toBe(5 * 365 * DAY_MS);

      // The other org's CA does not vouch for acme's certificate.
      const otherCa = file('other-ca.pem', (await readCaCertificate(store, other))!);
      const refused = openssl(['verify', '-CAfile', otherCa, leafFile]);
      expect(refused.status).not.toBe(0);
      expect(refused.stdout + refused.stderr).toMatch(/unable to get local issuer certificate/);
    });

    it("serves TLS with the delivered Secret to a client that trusts only the org's CA, for names under the cluster's wildcard only", async () => {
      const secret = (await readSecret(kube, 'default', CLUSTER_SECRET))!;
      const server = tls.createServer(
        { key: secretText(secret, 'tls.key'), cert: secretText(secret, 'tls.crt') },
        (socket) => socket.end('hello'),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const connect = (servername: string, ca: string) =>
        new Promise<string>((resolve) => {
          const socket = tls.connect({ host: '127.0.0.1', port, servername, ca }, () => {
            socket.once('data', (data) => {
              resolve(`ok ${data.toString()}`);
              socket.destroy();
            });
          });
          socket.once('error', (error: NodeJS.ErrnoException) =>
            resolve(error.code ?? error.message),
          );
        });
      try {
        const acmeCa = secretText(secret, 'ca.crt');
        expect(await connect('web.prod.acme.zonekeeper.test', acmeCa)).toBe('ok hello');
        expect(await connect('prod.acme.zonekeeper.test', acmeCa)).toBe('ok hello');
        // Another org's hostname, and a name two labels below the wildcard, are refused.
        expect(await connect('web.prod.other.zonekeeper.test', acmeCa)).toBe(
          'ERR_TLS_CERT_ALTNAME_INVALID',
        );
        expect(await connect('a.web.prod.acme.zonekeeper.test', acmeCa)).toBe(
          'ERR_TLS_CERT_ALTNAME_INVALID',
        );
        // A client that trusts only the other org's CA refuses the chain (whose root it does not know).
        expect(
          await connect('web.prod.acme.zonekeeper.test', (await readCaCertificate(store, other))!),
        ).toBe('SELF_SIGNED_CERT_IN_CHAIN');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('renews at two thirds of the lifetime; with the cluster away the old Secret stays until it is back', async () => {
      const [old] = await active(acme, cluster.id);
      // Just before two thirds (60 days of 90): nothing to do.
      expect(await pass(new Date(start.getTime() + 59 * DAY_MS))).toEqual([]);
      const due = new Date(start.getTime() + 61 * DAY_MS);
      const api = sandbox.kube['acme-prod']!;
      await api.stop();
      let reports;
      try {
        reports = await pass(due);
      } finally {
        await api.start();
      }
      expect(reports.flatMap((r) => r.outcomes.map((o) => [o.secretName, o.ok]))).toEqual([
        [ORG_SECRET, false],
        [CLUSTER_SECRET, false],
      ]);
      expect(reports[0]!.outcomes[0]!.explanation).toBe(
        'The API of prod is unreachable (ECONNREFUSED); the next pass tries again.',
      );
      const [renewed] = await active(acme, cluster.id);
      expect(renewed!.serial).not.toBe(old!.serial);
      // X.509 times are whole seconds.
      expect(renewed!.notBefore).toEqual(new Date(Math.floor(due.getTime() / 1000) * 1000));
      // The cluster still holds the old certificate, which is valid for 29 more days, so Vault
      // keeps its key.
      expect(await ctx.vault.readSecret(old!.vaultPath)).not.toBeNull();
      expect(await heldSerial('default', CLUSTER_SECRET)).toBe(old!.serial);
      const view = await listCertificates(store, acme, due);
      const clusterView = view.certificates.find((c) => c.target === 'prod')!;
      expect(clusterView.deliveries).toEqual([
        expect.objectContaining({
          cluster: 'prod',
          namespace: 'default',
          state: 'failed',
          serialHeld: old!.serial,
          lastError: 'The API of prod is unreachable (ECONNREFUSED); the next pass tries again.',
        }),
      ]);
      // Before the retry wait is over nothing is tried; after it, the Secret is replaced in place.
      expect(await pass(new Date(due.getTime() + 1_000))).toEqual([]);
      const later = await pass(new Date(due.getTime() + 31_000));
      expect(later.flatMap((r) => r.outcomes.map((o) => o.ok))).toEqual([true, true]);
      expect(await heldSerial('default', CLUSTER_SECRET)).toBe(renewed!.serial);
      // No Secret holds the old certificate now: its key is deleted from Vault, the row stays.
      expect(await ctx.vault.readSecret(old!.vaultPath)).toBeNull();
      const c = store.t.tlsCertificates;
      const [superseded] = await store.db.select().from(c).where(eq(c.id, old!.id));
      expect(superseded).toMatchObject({ state: 'superseded' });
      expect(superseded!.keyDeletedAt).not.toBeNull();
    });

    it('leaves the old certificate active and delivered when Vault fails mid-renewal, and converges once it is back', async () => {
      const [old] = await active(acme, cluster.id);
      const due = new Date(old!.notBefore.getTime() + 61 * DAY_MS);
      relay.setDown(true);
      try {
        expect(await pass(due)).toEqual([]);
      } finally {
        relay.setDown(false);
      }
      expect((await active(acme, cluster.id)).map((c) => c.serial)).toEqual([old!.serial]);
      expect(await heldSerial('default', CLUSTER_SECRET)).toBe(old!.serial);
      const reports = await pass(new Date(due.getTime() + 1_000));
      expect(reports.flatMap((r) => r.outcomes.map((o) => o.ok))).toEqual([true, true]);
      const [renewed] = await active(acme, cluster.id);
      expect(renewed!.serial).not.toBe(old!.serial);
      expect(await heldSerial('default', CLUSTER_SECRET)).toBe(renewed!.serial);
    });

    it('renews now on request and the next pass delivers the new certificates', async () => {
      const [old] = await active(acme, cluster.id);
      // On the test's timeline: a day into the current certificate's life.
      const now = new Date(old!.notBefore.getTime() + DAY_MS);
      const renewed = await renewCertificates(ctx, acme, { cluster: 'prod' }, now);
      expect(renewed).toEqual([expect.objectContaining({ target: 'prod', replaces: old!.serial })]);
      const reports = await pass(new Date(now.getTime() + 1_000));
      expect(reports.flatMap((r) => r.outcomes.map((o) => [o.secretName, o.ok]))).toEqual([
        [CLUSTER_SECRET, true],
      ]);
      expect(await heldSerial('default', CLUSTER_SECRET)).toBe(renewed[0]!.serial);
    });

    it('delivers to the namespaces the admin lists, says why one that does not exist fails, and removes the Secrets of one taken off', async () => {
      const setNamespaces = (namespaces: string[]) =>
        setTlsNamespaces(
          { store, actor: SYSTEM_ACTOR, org: acme },
          { cluster: 'prod', namespaces },
        );
      await expect(setNamespaces(['default', 'Web_Apps'])).rejects.toThrow(
        /"Web_Apps" is not a namespace name: one DNS label/,
      );
      const reload = async () =>
        (
          await store.db.select().from(store.t.clusters).where(eq(store.t.clusters.id, cluster.id))
        )[0]!;
      expect((await reload()).tlsNamespaces).toEqual(['default']);

      await setNamespaces(['default', 'web']);
      const now = new Date(Date.now() + 2 * DAY_MS);
      const missing = await pass(now);
      expect(missing.flatMap((r) => r.outcomes.map((o) => o.explanation))).toEqual([
        "Namespace web does not exist in prod: create it (kubectl create namespace web) or take it off the cluster's TLS namespaces.",
        "Namespace web does not exist in prod: create it (kubectl create namespace web) or take it off the cluster's TLS namespaces.",
      ]);
      await kube.createNamespace({ body: { metadata: { name: 'web' } } });
      const delivered = await pass(new Date(now.getTime() + 31_000));
      expect(delivered.flatMap((r) => r.outcomes.map((o) => [o.namespace, o.kind, o.ok]))).toEqual([
        ['web', 'apply', true],
        ['web', 'apply', true],
      ]);
      expect(await heldSerial('web', ORG_SECRET)).toBe((await active(acme, null))[0]!.serial);

      await setNamespaces(['web']);
      const removed = await pass(new Date(now.getTime() + 62_000));
      expect(removed.flatMap((r) => r.outcomes.map((o) => [o.namespace, o.kind, o.ok]))).toEqual([
        ['default', 'remove', true],
        ['default', 'remove', true],
      ]);
      expect(await readSecret(kube, 'default', CLUSTER_SECRET)).toBeNull();
      expect(await readSecret(kube, 'default', ORG_SECRET)).toBeNull();
      expect(await readSecret(kube, 'web', CLUSTER_SECRET)).not.toBeNull();
    });

    it("revokes a deleted cluster's certificate, deletes its key from Vault and removes its Secrets", async () => {
      const [certificate] = await active(acme, cluster.id);
      await deleteCluster({ store, actor: SYSTEM_ACTOR, org: acme }, { name: 'prod' });
      const reports = await pass(new Date(Date.now() + 3 * DAY_MS));
      expect(
        reports.flatMap((r) => r.outcomes.map((o) => [o.namespace, o.secretName, o.kind, o.ok])),
      ).toEqual([
        ['web', ORG_SECRET, 'remove', true],
        ['web', CLUSTER_SECRET, 'remove', true],
      ]);
      const c = store.t.tlsCertificates;
      const [revoked] = await store.db.select().from(c).where(eq(c.id, certificate!.id));
      expect(revoked).toMatchObject({ state: 'revoked' });
      expect(revoked!.revokedAt).not.toBeNull();
      expect(await ctx.vault.readSecret(certificate!.vaultPath)).toBeNull();
      expect(await readSecret(kube, 'web', CLUSTER_SECRET)).toBeNull();
      expect(await readSecret(kube, 'web', ORG_SECRET)).toBeNull();
      const audit = await store.db
        .select()
        .from(store.t.auditEvents)
        .where(eq(store.t.auditEvents.action, 'tls.certificate_revoked'));
      expect(audit.map((e) => e.target)).toEqual(['prod']);
      // Nothing is left to do for the deleted cluster.
      expect(await pass(new Date(Date.now() + 4 * DAY_MS))).toEqual([]);
    });

    it('leaves the Secrets of a deleted cluster whose kubeconfig is gone to a person, saying how, and stops trying', async () => {
      const kubeconfig = sandbox.kube['acme-prod']!.kubeconfigPath;
      const staging = await registerConnectedCluster(sandbox, store, acme, 'staging', kubeconfig);
      const now = new Date(Date.now() + 5 * DAY_MS);
      const delivered = await pass(now);
      expect(
        delivered.flatMap((r) => r.outcomes.map((o) => [r.cluster, o.secretName, o.ok])),
      ).toEqual([
        ['staging', ORG_SECRET, true],
        ['staging', CLUSTER_SECRET, true],
      ]);
      await ctx.vault.deleteSecret(staging.kubeconfigVaultPath!);
      await deleteCluster({ store, actor: SYSTEM_ACTOR, org: acme }, { name: 'staging' });
      const left = await pass(new Date(now.getTime() + 1_000));
      expect(left.flatMap((r) => r.outcomes.map((o) => [o.ok, o.explanation]))).toEqual([
        [
          false,
          'staging is deleted and its kubeconfig is gone from Vault: delete the Secret yourself (kubectl -n default delete secret zonekeeper-org-tls).',
        ],
        [
          false,
          'staging is deleted and its kubeconfig is gone from Vault: delete the Secret yourself (kubectl -n default delete secret zonekeeper-cluster-tls).',
        ],
      ]);
      expect((await active(acme, staging.id)).length).toBe(0);
      expect(await pass(new Date(now.getTime() + DAY_MS))).toEqual([]);
    });
  },
);
