// A ready org (and a second one) with a connected sandbox cluster, and the TLS context the
// reconciler step runs with; Vault is reached through a relay that a test can switch off.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { CoreV1Api, KubeConfig, type V1Secret } from '@kubernetes/client-node';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { registerCluster } from '@/server/clusters/register-cluster';
import type { TlsDeliveryContext } from '@/server/tls/deliver-tls-secrets';
import { startOutageRelay, type OutageRelay } from '../../support/outage-relay';
import type { TestStore } from '../../support/stores';
import { BASE_DOMAIN } from '../clusters/cluster-sandbox';

export function vaultAt(address: string, token: string): VaultKv {
  return createVaultKv({ address, token, mount: 'secret', timeoutMs: 2000 });
}

/**
 * Ready organizations as the reconciler leaves them: the TLS step needs nothing else of
 * provisioning (which has its own tests), so this test runs on a fresh sandbox per store.
 */
export async function readyOrgs(store: TestStore, slugs: string[]): Promise<Organization[]> {
  const rows: Organization[] = [];
  for (const slug of slugs) {
    const [org] = await store.db
      .insert(store.t.organizations)
      .values({ id: randomUUID(), slug, displayName: slug, status: 'ready' })
      .returning();
    rows.push(org!);
  }
  return rows;
}

export async function tlsContextThroughRelay(
  sandbox: Sandbox,
  store: TestStore,
): Promise<{ ctx: TlsDeliveryContext; relay: OutageRelay }> {
  const relay = await startOutageRelay(sandbox.env.VAULT_ADDR);
  return {
    relay,
    ctx: {
      store,
      vault: vaultAt(relay.url, sandbox.env.VAULT_TOKEN),
      actor: SYSTEM_ACTOR,
      baseDomain: BASE_DOMAIN,
      kubeTimeoutMs: 2000,
    },
  };
}

export async function registerConnectedCluster(
  sandbox: Sandbox,
  store: TestStore,
  org: Organization,
  name: string,
  kubeconfigPath: string,
) {
  const { cluster } = await registerCluster(
    {
      store,
      actor: SYSTEM_ACTOR,
      org,
      vault: vaultAt(sandbox.env.VAULT_ADDR, sandbox.env.VAULT_TOKEN),
      baseDomain: BASE_DOMAIN,
      kubeTimeoutMs: 2000,
    },
    {
      name,
      policy: 'sync',
      connection: { kind: 'kubeconfig', kubeconfig: fs.readFileSync(kubeconfigPath, 'utf8') },
    },
  );
  return cluster;
}

/** The cluster's Core API through its kubeconfig, as any client would read the Secret back. */
export function coreApiOf(kubeconfigPath: string): CoreV1Api {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  return config.makeApiClient(CoreV1Api);
}

export async function readSecret(
  api: CoreV1Api,
  namespace: string,
  name: string,
): Promise<V1Secret | null> {
  try {
    return await api.readNamespacedSecret({ namespace, name });
  } catch (error) {
    if ((error as { code?: number }).code === 404) return null;
    throw error;
  }
}

export function secretText(secret: V1Secret, key: string): string {
  return Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');
}
