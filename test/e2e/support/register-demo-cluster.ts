// Registers the sandbox cluster `acme-prod` as acme's connected cluster `prod` (through the domain
// verb, as `zk clusters register` does), so the app's reconciler issues and delivers its TLS
// certificate once acme is provisioned.
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Store } from '../../../db/open-store';
import type { Sandbox } from '../../../sandbox/start-sandbox';
import { createVaultKv } from '../../../server/cloud/vault';
import { registerCluster } from '../../../server/clusters/register-cluster';

export const DEMO_CLUSTER = { sandboxName: 'acme-prod', org: 'acme', name: 'prod' } as const;

export async function registerDemoCluster(
  store: Store,
  sandbox: Sandbox,
  baseDomain: string,
): Promise<void> {
  const o = store.t.organizations;
  const [org] = await store.db.select().from(o).where(eq(o.slug, DEMO_CLUSTER.org));
  const kubeconfigPath = sandbox.kube[DEMO_CLUSTER.sandboxName]!.kubeconfigPath;
  await registerCluster(
    {
      store,
      actor: { type: 'cli', label: 'cli:e2e-setup' },
      org: org!,
      vault: createVaultKv({
        address: sandbox.env.VAULT_ADDR,
        token: sandbox.env.VAULT_TOKEN,
        mount: 'secret',
        timeoutMs: 5_000,
      }),
      baseDomain,
      kubeTimeoutMs: 5_000,
    },
    {
      name: DEMO_CLUSTER.name,
      policy: 'sync',
      connection: { kind: 'kubeconfig', kubeconfig: fs.readFileSync(kubeconfigPath, 'utf8') },
    },
  );
}
