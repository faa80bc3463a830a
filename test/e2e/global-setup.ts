// Builds the app once and serves it for the whole e2e run on a free port, with its own store, the
// sandbox AWS and Vault, and the sandbox identity provider. The orgs `acme` and `globex` exist
// with their own identity providers registered (client secrets in the sandbox Vault), so tests
// can sign in as any demo person (test/e2e/support/sign-in.ts). The sandbox serves the demo
// Kubernetes clusters (registered as `npm start` does: acme prod and staging, globex prod) and one
// more that no org has yet, for the cluster tests to register through the form.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../db/open-store';
import { startSandboxIdentityProvider } from '../../sandbox/oidc/start-sandbox-identity-provider';
import { startSandbox } from '../../sandbox/start-sandbox';
import { ensureBuilt, freePort, startNextServer } from '../../scripts/next-server';
import { DEMO_SANDBOX_CLUSTERS, seedDemoClusters } from '../../scripts/demo/seed-demo-clusters';
import { seedDemoOrganizations } from '../../scripts/seed-demo-organizations';

const DIST_DIR = '.next-e2e';
const BASE_DOMAIN = 'zonekeeper.test';
/** The sandbox cluster no org has: the cluster tests register it. */
const UNREGISTERED_CLUSTER = 'acme-e2e';
// A sandbox cluster the hostname map test registers and deletes.
const MAP_CLUSTER = 'acme-edge';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The app's SQLite file, for tests that check what was (not) stored. */
    databaseFile: string;
    authSecret: string;
    /** The sandbox Vault, for tests that check a secret is stored and never shown. */
    vault: { address: string; token: string };
    /** Client secrets of the sandbox org IdPs, by slug, to restore one a test breaks. */
    orgClientSecrets: Record<string, string>;
    /** The sandbox Route 53, whose /_sandbox/faults endpoint makes calls fail on purpose. */
    route53Endpoint: string;
    /** Kubeconfig files of sandbox clusters that no org has registered yet, by name. */
    unregisteredKubeconfigs: Record<string, string>;
    /** The app's environment, for the operator CLI and the collector's pass run beside it. */
    appEnv: Record<string, string>;
    /** Kubeconfig files of every sandbox cluster (each with a sandbox ExternalDNS), by name. */
    kubeconfigs: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  ensureBuilt(DIST_DIR);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-e2e-'));
  const databaseFile = path.join(dataDir, 'zonekeeper.sqlite');
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const authSecret = randomBytes(32).toString('base64');

  // The demo clusters (registered below as npm start does) and one no org has registered, each
  // with a sandbox ExternalDNS that syncs twice a second wherever its Deployment is applied.
  const sandbox = await startSandbox({
    baseDomain: BASE_DOMAIN,
    kube: {
      clusters: [...DEMO_SANDBOX_CLUSTERS, UNREGISTERED_CLUSTER, MAP_CLUSTER],
      controllerDelayMs: 200,
      externalDns: { intervalMs: 500 },
    },
  });
  const idp = await startSandboxIdentityProvider({ appUrl });
  const store = await openStore({ dialect: 'sqlite', file: databaseFile });
  try {
    await seedDemoOrganizations({
      store,
      sandboxEnv: sandbox.env,
      baseDomain: BASE_DOMAIN,
      organizations: idp.organizations,
    });
    await seedDemoClusters({
      store,
      sandboxEnv: sandbox.env,
      baseDomain: BASE_DOMAIN,
      kube: sandbox.kube,
    });
  } finally {
    await store.close();
  }

  const appEnv = {
    ...sandbox.env,
    ...idp.env,
    AUTH_SECRET: authSecret,
    DATABASE_URL: `file:${databaseFile}`,
    ZK_BASE_DOMAIN: BASE_DOMAIN,
    // The sandbox identity provider's org issuers are plain http on loopback.
    ZK_SANDBOX: '1',
    ZK_ENVIRONMENT_LABEL: 'E2E',
  };
  const app = await startNextServer({ port, distDir: DIST_DIR, stdio: 'pipe', env: appEnv });
  project.provide('baseUrl', app.url);
  project.provide('databaseFile', databaseFile);
  project.provide('authSecret', authSecret);
  project.provide(
    'orgClientSecrets',
    Object.fromEntries(idp.organizations.map((o) => [o.slug, o.clientSecret])),
  );
  project.provide('vault', { address: sandbox.env.VAULT_ADDR, token: sandbox.env.VAULT_TOKEN });
  project.provide('route53Endpoint', sandbox.endpoints.route53);
  project.provide('unregisteredKubeconfigs', {
    [UNREGISTERED_CLUSTER]: sandbox.kube[UNREGISTERED_CLUSTER]!.kubeconfigPath,
  });
  project.provide('appEnv', appEnv);
  project.provide(
    'kubeconfigs',
    Object.fromEntries(Object.entries(sandbox.kube).map(([n, c]) => [n, c.kubeconfigPath])),
  );
  return async () => {
    await app.stop();
    await idp.close();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
