// `zk clusters list --org <slug> [--json]`: the org's clusters from the store (--json: one
// object a line).
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { listClusters } from '../clusters/list-clusters';

export async function clustersListCommand(
  store: Store,
  org: Organization,
  options: { json?: boolean },
): Promise<void> {
  const clusters = await listClusters(store, org);
  if (options.json) {
    for (const cluster of clusters) console.log(JSON.stringify(cluster));
    return;
  }
  if (clusters.length === 0) {
    console.log(`${org.slug} has no clusters; register one with "zk clusters register".`);
    return;
  }
  for (const c of clusters) {
    const seen = c.lastSeenAt ? `last reported ${c.lastSeenAt.toISOString()}` : 'never reported';
    const key = c.keyVersionHeld === null ? 'no key yet' : `key version ${c.keyVersionHeld}`;
    console.log(
      `${c.name} ${c.uid} ${c.status} (${c.connection}, policy ${c.policy}, ExternalDNS ${c.externalDnsState}, ${key}, ${seen})`,
    );
    if (c.externalDnsError) {
      const retry = c.externalDnsRetryAt ? ` Next try ${c.externalDnsRetryAt.toISOString()}.` : '';
      console.log(`  ${c.externalDnsError}${retry}`);
    }
    if (c.removal) console.log(`  Removal: ${c.removal}`);
  }
}
