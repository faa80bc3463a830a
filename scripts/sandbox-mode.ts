// Everything `npm start` runs before the app in sandbox mode: the AWS and Vault stand-ins, the
// sandbox identity provider with the demo organizations, and the secrets that only a sandbox may
// generate for itself. All of it is kept under ./data/sandbox/ (never in git), the sandbox's own
// store included, so demo organizations never land in a store someone configured.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../db/open-store';
import { startSandboxIdentityProvider } from '../sandbox/oidc/start-sandbox-identity-provider';
import { startSandbox } from '../sandbox/start-sandbox';
import { describeDatabaseUrl } from '../server/config/database-target';
import { kubeconfigVariable } from '../sandbox/kube/sandbox-clusters';
import { DEMO_SANDBOX_CLUSTERS, seedDemoClusters } from './demo/seed-demo-clusters';
import { seedDemoZones } from './demo/seed-demo-zones';
import { seedDemoServices } from './demo/seed-demo-services';
import { seedDemoOrganizations } from './seed-demo-organizations';

export interface SandboxMode {
  env: Record<string, string>;
  summary: string;
  close(): Promise<void>;
}

export async function startSandboxMode(options: {
  appUrl: string;
  baseDomain: string;
  /** Whether the app uses the sandbox's own store: only then are demo orgs and people made. */
  ownStore: boolean;
  dataDir: string;
  identityProviderPort: number;
  /**
   * Port of the first sandbox Kubernetes cluster, the next ones count up; 0 picks free ports.
   * Fixed by default: the demo clusters' kubeconfigs in Vault name their API's address.
   */
  kubePort?: number;
}): Promise<SandboxMode> {
  const dir = path.join(options.dataDir, 'sandbox');
  const firstKubePort = options.kubePort ?? 0;
  const sandbox = await startSandbox({
    baseDomain: options.baseDomain,
    persistDir: dir,
    kube: {
      clusters: DEMO_SANDBOX_CLUSTERS,
      ports: Object.fromEntries(
        DEMO_SANDBOX_CLUSTERS.map((name, index) => [
          name,
          firstKubePort === 0 ? 0 : firstKubePort + index,
        ]),
      ),
    },
  });
  seedDemoServices(sandbox.kube, options.baseDomain);
  // Org issuers and client secrets are stored (DB, Vault), so the IdP keeps its port and seed.
  const idp = await startSandboxIdentityProvider({
    appUrl: options.appUrl,
    port: options.identityProviderPort,
    secretSeed: persistedSecret(path.join(dir, 'idp-seed')),
  });
  const databaseUrl = `file:${path.join(dir, 'zonekeeper.sqlite')}`;
  let demoClusters = '';
  if (options.ownStore) {
    const store = await openStore(describeDatabaseUrl(databaseUrl));
    try {
      await seedDemoOrganizations({
        store,
        sandboxEnv: sandbox.env,
        baseDomain: options.baseDomain,
        organizations: idp.organizations,
      });
      const seeded = await seedDemoClusters({
        store,
        sandboxEnv: sandbox.env,
        baseDomain: options.baseDomain,
        kube: sandbox.kube,
      });
      demoClusters = seeded.map((c) => `${c.org}/${c.name}`).join(', ');
      await seedDemoZones({
        store,
        sandboxEnv: sandbox.env,
        databaseUrl,
        baseDomain: options.baseDomain,
      });
    } finally {
      await store.close();
    }
  }
  const { ZK_SIGN_IN_DEMO_PEOPLE, ...idpEnv } = idp.env;
  return {
    env: {
      ...sandbox.env,
      ...idpEnv,
      ...(options.ownStore && { DATABASE_URL: databaseUrl, ZK_SIGN_IN_DEMO_PEOPLE }),
      AUTH_SECRET: persistedSecret(path.join(dir, 'auth-secret')),
    },
    summary: [
      'Local stand-ins serving:',
      `  Route 53  ${sandbox.endpoints.route53}  (parent zone ${sandbox.parentZone.name} ${sandbox.parentZone.id})`,
      `  IAM       ${sandbox.endpoints.iam}`,
      `  STS       ${sandbox.endpoints.sts}`,
      `  Vault     ${sandbox.endpoints.vault}`,
      `  Sign-in   ${idp.url}  (demo people are listed on the sign-in page)`,
      options.ownStore
        ? `  Store     ${databaseUrl}  (demo organizations acme and globex; demo zones initech, umbrella, hooli)`
        : '  Store     your DATABASE_URL: no demo organizations or people are added to it',
      ...Object.values(sandbox.kube).map(
        (cluster) =>
          `  Kubernetes ${cluster.name.padEnd(13)} ${cluster.url}  ${kubeconfigVariable(cluster.name)}=${cluster.kubeconfigPath}`,
      ),
      ...(demoClusters
        ? [
            `  Clusters  ${demoClusters} registered with those kubeconfigs; the reconciler delivers ExternalDNS`,
            '            once each org is provisioned (kubectl --kubeconfig <file> -n external-dns get deploy)',
          ]
        : []),
      '  State is kept in ./data/sandbox/. Configure AWS, Vault and an identity provider (README)',
      '  for a real installation.',
    ].join('\n'),
    close: async () => {
      await idp.close();
      await sandbox.close();
    },
  };
}

/** A random secret made on first use and kept, owner-readable only, for later starts. */
function persistedSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
