// The cluster page's manifest download: the bundle without the Secret's data (a browser never
// receives the org's key), from this installation's Vault, for anyone who may read the cluster.
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { getVaultKv } from '../cloud/vault';
import { getConfig } from '../config/config';
import { externalDnsManifest } from './externaldns-manifest';

export function downloadExternalDnsManifest(
  context: { store: Store; actor: Actor; org: Organization },
  clusterName: string,
): Promise<string> {
  return externalDnsManifest(
    { ...context, vault: getVaultKv(), baseDomain: getConfig().ZK_BASE_DOMAIN },
    { clusterName, withSecret: false },
  );
}
