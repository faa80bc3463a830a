// Registers the demo clusters of `npm start` (acme: prod and staging; globex: prod), each
// connected to its sandbox Kubernetes cluster through the kubeconfig the sandbox wrote, the way an
// admin would (registerCluster checks the API answers, keeps the kubeconfig in Vault). ExternalDNS
// is not applied here: the app's reconciler delivers it once each org is provisioned.
// Idempotent: a demo cluster already registered (or deleted by someone: its name stays taken) is
// left as it is, so `npm start` can call it on every start.
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Store } from '../../db/open-store';
import type { Actor } from '../../server/auth/actor';
import { createVaultKv } from '../../server/cloud/vault';
import { registerCluster } from '../../server/clusters/register-cluster';

const SEED_ACTOR: Actor = { type: 'cli', label: 'cli:sandbox-seed' };

/** Each demo cluster: its org, its name there, and the sandbox cluster it is connected to. */
export const DEMO_CLUSTERS = [
  { org: 'acme', name: 'prod', sandboxCluster: 'acme-prod' },
  { org: 'acme', name: 'staging', sandboxCluster: 'acme-staging' },
  { org: 'globex', name: 'prod', sandboxCluster: 'globex-prod' },
] as const;

export const DEMO_SANDBOX_CLUSTERS = DEMO_CLUSTERS.map((c) => c.sandboxCluster);

export interface SeededDemoCluster {
  org: string;
  name: string;
  kubeconfigPath: string;
  /** False when it was registered on an earlier start. */
  registeredNow: boolean;
}

export async function seedDemoClusters(options: {
  store: Store;
  sandboxEnv: { VAULT_ADDR: string; VAULT_TOKEN: string };
  baseDomain: string;
  /** The sandbox's clusters by name: where each one's kubeconfig file is. */
  kube: Readonly<Record<string, { kubeconfigPath: string }>>;
}): Promise<SeededDemoCluster[]> {
  const { store } = options;
  const vault = createVaultKv({
    address: options.sandboxEnv.VAULT_ADDR,
    token: options.sandboxEnv.VAULT_TOKEN,
    mount: 'secret',
    timeoutMs: 5_000,
  });
  const seeded: SeededDemoCluster[] = [];
  for (const demo of DEMO_CLUSTERS) {
    const sandboxCluster = options.kube[demo.sandboxCluster];
    const [org] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, demo.org));
    if (!sandboxCluster || !org) continue;
    const c = store.t.clusters;
    const [existing] = await store.db
      .select({ id: c.id })
      .from(c)
      .where(and(eq(c.orgId, org.id), eq(c.name, demo.name)));
    if (!existing) {
      await registerCluster(
        {
          store,
          actor: SEED_ACTOR,
          org,
          vault,
          baseDomain: options.baseDomain,
          kubeTimeoutMs: 5_000,
        },
        {
          name: demo.name,
          policy: 'sync',
          connection: {
            kind: 'kubeconfig',
            kubeconfig: fs.readFileSync(sandboxCluster.kubeconfigPath, 'utf8'),
          },
        },
      );
    }
    seeded.push({
      org: demo.org,
      name: demo.name,
      kubeconfigPath: sandboxCluster.kubeconfigPath,
      registeredNow: !existing,
    });
  }
  return seeded;
}
