// `zk clusters list|register|delete` and `zk externaldns manifest` as an operator runs them, in a
// child process against the sandbox (Vault, Route 53, IAM, STS and a Kubernetes cluster), on an
// org provisioned by `zk reconcile`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { createOrganization } from '@/server/orgs/create-organization';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import { kubectl } from '../conformance/kube/kube-target';
import { runZk, type ZkRun } from '../../support/zk-cli';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('zk clusters and zk externaldns manifest', () => {
  let sandbox: Sandbox;
  let store: Store;
  let vault: VaultKv;
  let dir: string;
  let kubeconfigPath: string;

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({ kube: { clusters: ['acme-prod'] } });
    kubeconfigPath = sandbox.kube['acme-prod']!.kubeconfigPath;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-clusters-cli-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
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
    const reconciled = await zk(['reconcile', '--org', 'acme']);
    expect(reconciled.code, reconciled.stderr).toBe(0);
  });
  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function zk(args: string[]): Promise<ZkRun> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...sandbox.env,
      DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
      ZK_BASE_DOMAIN: BASE_DOMAIN,
      ZK_KUBE_TIMEOUT_MS: '3000',
      ZK_CRASH_AT: '',
    };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    return runZk(env, args);
  }

  it('registers a cluster with its kubeconfig, prints the status token once, and lists it', async () => {
    const run = await zk([
      'clusters',
      'register',
      '--org',
      'acme',
      '--name',
      'prod',
      '--kubeconfig',
      kubeconfigPath,
      '--policy',
      'upsert-only',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Registered prod \(prod\.acme\.zonekeeper\.test\) with UID zkc-/);
    const token = /Status token .*: (zkcs_\S+)/.exec(run.stdout)?.[1];
    expect(token).toBeTruthy();

    const listed = await zk(['clusters', 'list', '--org', 'acme', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const [line] = listed.stdout.trim().split('\n');
    expect(JSON.parse(line!)).toMatchObject({
      name: 'prod',
      status: 'pending',
      connection: 'kubeconfig',
      policy: 'upsert-only',
      externalDnsState: 'not-deployed',
    });
    expect(listed.stdout).not.toContain(token!);
    expect(listed.stdout).not.toContain('kubeconfig_vault');
  });

  it('refuses a kubeconfig file whose server does not answer, with exit 2 and nothing stored', async () => {
    const cluster = sandbox.kube['acme-prod']!;
    await cluster.stop();
    try {
      const run = await zk([
        'clusters',
        'register',
        '--org',
        'acme',
        '--name',
        'down',
        '--kubeconfig',
        kubeconfigPath,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/kubeconfig: The API server at .* does not answer/);
      expect(run.stderr).not.toContain(cluster.adminToken);
    } finally {
      await cluster.start();
    }
    const rows = await store.db.select().from(store.t.clusters);
    expect(rows.map((r) => r.name)).toEqual(['prod']);
  });

  it('says what is missing from a command', async () => {
    const noName = await zk(['clusters', 'register', '--org', 'acme']);
    expect([noName.code, noName.stderr.trim()]).toEqual([
      2,
      'clusters register needs --name <cluster name>.',
    ]);
    const noYes = await zk(['clusters', 'delete', '--org', 'acme', '--name', 'prod']);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/add --yes/);
    const badPolicy = await zk([
      'clusters',
      'register',
      '--org',
      'acme',
      '--name',
      'x',
      '--policy',
      'create-only',
    ]);
    expect([badPolicy.code, badPolicy.stderr.trim()]).toEqual([
      2,
      'policy: Choose an ExternalDNS policy: sync or upsert-only.',
    ]);
  });

  it('prints the manifest without the Secret, and with it (audited) for kubectl apply', async () => {
    const withoutSecret = await zk([
      'externaldns',
      'manifest',
      '--org',
      'acme',
      '--cluster',
      'prod',
    ]);
    expect(withoutSecret.code, withoutSecret.stderr).toBe(0);
    const kinds = parseAllDocuments(withoutSecret.stdout).map(
      (d) => (d.toJS() as { kind: string }).kind,
    );
    expect(kinds).toEqual([
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'Deployment',
    ]);
    expect(withoutSecret.stdout).toContain('--with-secret');

    const key = await vault.readSecret(
      orgResourceNames({ id: '', slug: 'acme', generation: 1 }, BASE_DOMAIN).vaultPath,
    );
    const withSecret = await zk([
      'externaldns',
      'manifest',
      '--org',
      'acme',
      '--cluster',
      'prod',
      '--with-secret',
    ]);
    expect(withSecret.code, withSecret.stderr).toBe(0);
    const manifest = path.join(dir, 'externaldns.yaml');
    fs.writeFileSync(manifest, withSecret.stdout);
    const target = { clusters: {}, workDir: dir, close: async () => {} };
    const applied = await kubectl(target, kubeconfigPath, [
      'apply',
      '--server-side',
      '--field-manager=zonekeeper',
      '-f',
      manifest,
    ]);
    expect(applied.code, applied.stderr).toBe(0);
    const secret = await kubectl(target, kubeconfigPath, [
      '-n',
      'external-dns',
      'get',
      'secret',
      'external-dns-aws',
      '-o',
      'jsonpath={.data.credentials}',
    ]);
    expect(Buffer.from(secret.stdout, 'base64').toString('utf8')).toContain(
      `aws_access_key_id = ${key!.data.AWS_ACCESS_KEY_ID}`,
    );
    const audits = await store.db
      .select()
      .from(store.t.auditEvents)
      .where(eq(store.t.auditEvents.action, 'externaldns.manifest_with_secret'));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(key!.data.AWS_SECRET_ACCESS_KEY!);
  });

  it('deletes a cluster, keeping its UID, and lists it as deleted', async () => {
    const run = await zk(['clusters', 'delete', '--org', 'acme', '--name', 'prod', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Deleted cluster prod of acme/);
    const again = await zk(['clusters', 'delete', '--org', 'acme', '--name', 'prod', '--yes']);
    expect([again.code, again.stderr.trim()]).toEqual([3, 'acme has no cluster named "prod".']);
    const listed = await zk(['clusters', 'list', '--org', 'acme']);
    expect(listed.stdout).toMatch(/^prod zkc-\S+ deleted /);
  });
});
