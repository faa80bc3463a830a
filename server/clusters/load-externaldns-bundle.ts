// Gathers what a cluster's ExternalDNS bundle is made of: the org's ready zone (its name and
// Route 53 id) and the org's current key from Vault with its version. Refuses, in words, while
// the org has no zone or no key yet.
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster, Organization } from '@/db/rows';
import type { VaultKv } from '../cloud/vault';
import { DomainError } from '../errors/domain-error';
import { orgResourceNames } from '../provisioning/org-resource-names';
import type { ExternalDnsBundleInput, OrgAwsKey } from './externaldns-bundle';

export interface LoadedBundle {
  input: ExternalDnsBundleInput;
  key: OrgAwsKey;
}

export async function loadExternalDnsBundle(
  { store, vault, baseDomain }: { store: Store; vault: VaultKv; baseDomain: string },
  org: Organization,
  cluster: Cluster,
): Promise<LoadedBundle> {
  const z = store.t.hostedZones;
  const [zone] = await store.db
    .select({ name: z.name, awsZoneId: z.awsZoneId })
    .from(z)
    .where(and(eq(z.orgId, org.id), eq(z.status, 'ready'), isNotNull(z.awsZoneId)))
    .orderBy(desc(z.generation))
    .limit(1);
  if (!zone?.awsZoneId) {
    throw new DomainError(
      'unavailable',
      `${org.slug} has no ready zone yet, so ExternalDNS has nowhere to write; wait for provisioning (zk status --org ${org.slug}).`,
    );
  }
  const secret = await vault.readSecret(orgResourceNames(org, baseDomain).vaultPath);
  const data = secret?.data ?? {};
  if (!secret || !data.AWS_ACCESS_KEY_ID || !data.AWS_SECRET_ACCESS_KEY) {
    throw new DomainError(
      'unavailable',
      `${org.slug} has no access key in Vault yet; wait for provisioning (zk status --org ${org.slug}).`,
    );
  }
  return {
    input: {
      clusterUid: cluster.uid,
      policy: cluster.externalDnsPolicy,
      txtPrefix: cluster.txtPrefix,
      txtSuffix: cluster.txtSuffix,
      zoneName: zone.name.replace(/\.$/, ''),
      zoneId: zone.awsZoneId.replace(/^\/hostedzone\//, ''),
      keyVersion: secret.version,
    },
    key: {
      accessKeyId: data.AWS_ACCESS_KEY_ID,
      secretAccessKey: data.AWS_SECRET_ACCESS_KEY,
      region: data.AWS_REGION || 'us-east-1',
    },
  };
}
