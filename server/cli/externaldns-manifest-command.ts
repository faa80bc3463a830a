// `zk externaldns manifest --org <slug> --cluster <name> [--with-secret]`: the cluster's
// ExternalDNS manifest on stdout, ready for `kubectl apply --server-side -f -`. With --with-secret
// it holds the org's AWS key, so that is audited.
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { getVaultKv } from '../cloud/vault';
import { externalDnsManifest } from '../clusters/externaldns-manifest';
import { getConfig } from '../config/config';

export async function externalDnsManifestCommand(
  { store, actor }: { store: Store; actor: Actor },
  org: Organization,
  options: { cluster: string; withSecret: boolean },
): Promise<void> {
  const manifest = await externalDnsManifest(
    { store, actor, org, vault: getVaultKv(), baseDomain: getConfig().ZK_BASE_DOMAIN },
    { clusterName: options.cluster, withSecret: options.withSecret },
  );
  process.stdout.write(manifest);
}
