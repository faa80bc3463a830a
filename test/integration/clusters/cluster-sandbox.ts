// A sandbox (Vault, and Kubernetes clusters on free ports) and an org for the cluster tests.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';

export const BASE_DOMAIN = 'zonekeeper.test';

export async function startClusterSandbox(clusters: string[]): Promise<{
  sandbox: Sandbox;
  vault: VaultKv;
}> {
  const sandbox = await startSandbox({ baseDomain: BASE_DOMAIN, kube: { clusters } });
  const vault = createVaultKv({
    address: sandbox.env.VAULT_ADDR,
    token: sandbox.env.VAULT_TOKEN,
    mount: 'secret',
    timeoutMs: 5000,
  });
  return { sandbox, vault };
}

/** The Vault paths of every kubeconfig stored in the sandbox. */
export function storedKubeconfigPaths(sandbox: Sandbox): string[] {
  return Object.keys(sandbox.vault.kv.snapshot()).filter((path) => path.endsWith('/kubeconfig'));
}

export function readKubeconfig(path: string): string {
  return fs.readFileSync(path, 'utf8');
}

export async function insertOrg(store: Store, slug: string): Promise<Organization> {
  const [org] = await store.db
    .insert(store.t.organizations)
    .values({ id: randomUUID(), slug, displayName: slug })
    .returning();
  return org!;
}
