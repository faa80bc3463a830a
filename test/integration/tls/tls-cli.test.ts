// `zk tls list|renew|ca|namespaces` as an operator runs them, in a child process against the
// sandbox, on an org provisioned by `zk reconcile` with a cluster registered by `zk clusters`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createOrganization } from '@/server/orgs/create-organization';
import { reconcileTls } from '@/server/tls/reconcile-tls';
import { runZk, type ZkRun } from '../../support/zk-cli';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';
import { coreApiOf, readSecret, vaultAt } from './tls-env';
import { SERIAL_ANNOTATION } from '@/server/tls/tls-secret';

// Every case starts the CLI a few times (a tsx child each), which takes seconds on a busy machine.
const CLI_CASE = { timeout: 300_000 };

describe('zk tls', () => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;
  let kubeconfigPath: string;

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: { clusters: ['acme-prod'], externalDns: false },
    });
    kubeconfigPath = sandbox.kube['acme-prod']!.kubeconfigPath;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-tls-cli-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    for (const slug of ['acme', 'beta'])
      await createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: slug, slug },
      );
    const reconciled = await zk(['reconcile', '--org', 'acme']);
    expect(reconciled.code, reconciled.stderr).toBe(0);
    const registered = await zk([
      'clusters',
      'register',
      '--org',
      'acme',
      '--name',
      'prod',
      '--kubeconfig',
      kubeconfigPath,
    ]);
    expect(registered.code, registered.stderr).toBe(0);
  }, 300_000);
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
    return runZk(env, args);
  }

  it('says what is missing: the org, the subcommand, a CA not made yet', CLI_CASE, async () => {
    const noOrg = await zk(['tls', 'list']);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('tls list needs --org <slug>.');
    const unknown = await zk(['tls', 'show', '--org', 'acme']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean "tls list", "tls renew", "tls ca"');
    const list = await zk(['tls', 'list', '--org', 'acme']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(
      'acme has no CA yet: the reconciler makes it once the organization is ready.',
    );
    const ca = await zk(['tls', 'ca', '--org', 'acme']);
    expect(ca.code).toBe(3);
    expect(ca.stderr).toContain('acme has no CA yet');
    const renew = await zk(['tls', 'renew', '--org', 'acme']);
    expect(renew.code).toBe(1);
    expect(renew.stderr).toContain('acme has no CA yet');
  });

  it(
    'lists the CA and certificates with days left and their delivery, after the TLS pass',
    CLI_CASE,
    async () => {
      const reports = await reconcileTls(store, () => ({
        store,
        vault: vaultAt(sandbox.env.VAULT_ADDR, sandbox.env.VAULT_TOKEN),
        actor: SYSTEM_ACTOR,
        baseDomain: BASE_DOMAIN,
        kubeTimeoutMs: 3000,
      }));
      expect(reports.flatMap((r) => r.outcomes.map((o) => o.ok))).toEqual([true, true]);
      const list = await zk(['tls', 'list', '--org', 'acme']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(
        /^CA CN=Zonekeeper CA for acme\.zonekeeper\.test, O=Zonekeeper \(ecdsa-p256, serial [0-9a-f]{32}, until \S+, 1824 days left\)$/m,
      );
      expect(list.stdout).toMatch(
        /^zone acme active \*\.acme\.zonekeeper\.test acme\.zonekeeper\.test serial [0-9a-f]{32} until \S+ \(89 days left\)$/m,
      );
      expect(list.stdout).toMatch(
        /^cluster prod active \*\.prod\.acme\.zonekeeper\.test prod\.acme\.zonekeeper\.test serial [0-9a-f]{32} until \S+ \(89 days left\)$/m,
      );
      expect(list.stdout).toMatch(
        /^ {2}prod\/default\/zonekeeper-cluster-tls: delivered since \S+$/m,
      );
      const json = await zk(['tls', 'list', '--org', 'acme', '--json']);
      const view = JSON.parse(json.stdout) as {
        certificates: { target: string; daysLeft: number }[];
      };
      expect(view.certificates.map((c) => [c.target, c.daysLeft])).toEqual([
        ['acme', 89],
        ['prod', 89],
      ]);
      expect(json.stdout).not.toMatch(/PRIVATE KEY|privateKey|vaultPath/);
    },
  );

  it(
    'prints the CA certificate as PEM, and makes an RSA 2048 CA for an org that asks for one',
    CLI_CASE,
    async () => {
      const ca = await zk(['tls', 'ca', '--org', 'acme']);
      expect(ca.code, ca.stderr).toBe(0);
      expect(ca.stdout).toMatch(
        /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/,
      );
      const refused = await zk(['tls', 'ca', '--org', 'acme', '--key-algorithm', 'rsa-2048']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("acme's CA is ecdsa-p256 already");
      const bad = await zk(['tls', 'ca', '--org', 'beta', '--key-algorithm', 'rsa-4096']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--key-algorithm is ecdsa-p256 or rsa-2048, not "rsa-4096".');
      const rsa = await zk(['tls', 'ca', '--org', 'beta', '--key-algorithm', 'rsa-2048']);
      expect(rsa.code, rsa.stderr).toBe(0);
      const text = execFileSync('openssl', ['x509', '-text', '-noout'], {
        input: rsa.stdout,
        encoding: 'utf8',
      });
      expect(text).toContain('Public-Key: (2048 bit)');
      expect(text).toContain(
        'Subject: CN = Zonekeeper CA for beta.zonekeeper.test, O = Zonekeeper',
      );
    },
  );

  it("renews a cluster's certificate now and delivers it in place", CLI_CASE, async () => {
    const kube = coreApiOf(kubeconfigPath);
    const before = (await readSecret(kube, 'default', 'zonekeeper-cluster-tls'))!;
    const run = await zk(['tls', 'renew', '--org', 'acme', '--cluster', 'prod']);
    expect(run.code, run.stderr).toBe(0);
    const serial = /^prod: issued ([0-9a-f]{32}) \(until \S+\), replacing ([0-9a-f]{32})$/m.exec(
      run.stdout,
    );
    expect(serial?.[2]).toBe(before.metadata?.annotations?.[SERIAL_ANNOTATION]);
    expect(run.stdout).toContain('delivered prod/default/zonekeeper-cluster-tls');
    const after = (await readSecret(kube, 'default', 'zonekeeper-cluster-tls'))!;
    expect(after.metadata?.annotations?.[SERIAL_ANNOTATION]).toBe(serial?.[1]);
    const missing = await zk(['tls', 'renew', '--org', 'acme', '--cluster', 'staging']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('acme has no cluster named "staging".');
  });

  it(
    'sets the namespaces that receive the Secrets, refusing a name that is not a DNS label',
    CLI_CASE,
    async () => {
      const bad = await zk([
        'tls',
        'namespaces',
        '--org',
        'acme',
        '--cluster',
        'prod',
        '--namespaces',
        'default,Web_Apps',
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('"Web_Apps" is not a namespace name');
      const good = await zk([
        'tls',
        'namespaces',
        '--org',
        'acme',
        '--cluster',
        'prod',
        '--namespaces',
        'default, kube-public',
      ]);
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toContain('prod receives the TLS Secrets in default, kube-public');
    },
  );
});
