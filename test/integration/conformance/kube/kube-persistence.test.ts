// The sandbox clusters inside startSandbox with a state directory: KUBECONFIG_<NAME> variables,
// tokens that survive a restart, objects and resourceVersions that carry on, and a rollout
// interrupted by the restart that finishes afterwards.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResourceType } from '@/sandbox/kube/kube-resources';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { bundleManifest, kubectl, rawRequest, writeManifest, type KubeTarget } from './kube-target';

describe('sandbox clusters with persisted state', () => {
  let persistDir: string;
  let scratch: KubeTarget;
  const start = () =>
    startSandbox({
      persistDir,
      keyActivationDelayMs: 0,
      kube: { clusters: ['acme-prod', 'globex-prod'], controllerDelayMs: 200 },
    });

  beforeAll(() => {
    persistDir = mkdtempSync(path.join(os.tmpdir(), 'zk-kube-persist-'));
    scratch = {
      clusters: {},
      workDir: mkdtempSync(path.join(os.tmpdir(), 'zk-kube-work-')),
      close: async () => {},
    };
  });
  afterAll(() => {
    rmSync(persistDir, { recursive: true, force: true });
    rmSync(scratch.workDir, { recursive: true, force: true });
  });

  it('prints KUBECONFIG_<NAME> per cluster beside the AWS and Vault variables', async () => {
    const sandbox = await start();
    try {
      expect(sandbox.env.KUBECONFIG_ACME_PROD).toBe(
        path.join(persistDir, 'kube', 'acme-prod.kubeconfig'),
      );
      expect(sandbox.env.KUBECONFIG_GLOBEX_PROD).toBe(
        path.join(persistDir, 'kube', 'globex-prod.kubeconfig'),
      );
      expect(sandbox.env.VAULT_ADDR).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.kube['acme-prod']!.url).not.toBe(sandbox.kube['globex-prod']!.url);
      expect(sandbox.kube['acme-prod']!.adminToken).not.toBe(
        sandbox.kube['globex-prod']!.adminToken,
      );
      // Tokens live only in owner-readable files under the state directory.
      for (const file of ['acme-prod.json', 'acme-prod.kubeconfig', 'acme-prod-viewer.kubeconfig'])
        expect(statSync(path.join(persistDir, 'kube', file)).mode & 0o777).toBe(0o600);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps tokens and objects across a restart, and a rollout cut short by it completes after', async () => {
    let sandbox: Sandbox = await start();
    const token = sandbox.kube['acme-prod']!.adminToken;
    const file = writeManifest(scratch, 'bundle.yaml', bundleManifest('1'));
    try {
      const first = sandbox.kube['acme-prod']!;
      // The rollout cannot finish before the restart.
      first.api.setRolloutsStalled(true);
      const applied = await kubectl(scratch, first.kubeconfigPath, [
        'apply',
        '--server-side',
        '-f',
        file,
      ]);
      expect(applied.code, applied.stderr).toBe(0);
      const deployment = first.api.get(
        findResourceType('apps', 'v1', 'deployments')!,
        'external-dns',
        'external-dns',
      );
      expect(deployment.status).toMatchObject({ observedGeneration: 1 });
      expect((deployment.status as { updatedReplicas?: number }).updatedReplicas).toBeUndefined();
    } finally {
      await sandbox.close();
    }

    sandbox = await start();
    expect(sandbox.kube['acme-prod']!.adminToken).toBe(token);
    try {
      const cluster = sandbox.kube['acme-prod']!;
      const rollout = await kubectl(scratch, cluster.kubeconfigPath, [
        '-n',
        'external-dns',
        'rollout',
        'status',
        'deploy/external-dns',
        '--timeout=60s',
      ]);
      expect(rollout.code, rollout.stderr).toBe(0);
      expect(rollout.stdout).toContain('successfully rolled out');
      const secret = await rawRequest(
        cluster,
        'GET',
        '/api/v1/namespaces/external-dns/secrets/external-dns-aws',
        {
          token,
        },
      );
      expect(secret.status).toBe(200);
      const storedVersion = Number(
        (secret.json() as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
      );
      const created = await rawRequest(
        cluster,
        'POST',
        '/api/v1/namespaces/external-dns/serviceaccounts',
        {
          token,
          body: JSON.stringify({
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'after-restart' },
          }),
        },
      );
      expect(created.status).toBe(201);
      expect(
        Number(
          (created.json() as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
        ),
      ).toBeGreaterThan(storedVersion);
      const globex = await rawRequest(
        sandbox.kube['globex-prod']!,
        'GET',
        '/api/v1/namespaces/external-dns',
        {
          token: sandbox.kube['globex-prod']!.adminToken,
        },
      );
      expect(globex.status).toBe(404);
    } finally {
      await sandbox.close();
    }
  });
});
