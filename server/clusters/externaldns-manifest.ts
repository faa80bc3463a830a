// A cluster's ExternalDNS manifest as YAML: without the Secret's data for anyone who may read the
// cluster, with it for an operator at the CLI, and then audited (it holds the org's key).
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { VaultKv } from '../cloud/vault';
import { awsCredentialsSecret, externalDnsObjects } from './externaldns-bundle';
import { manifestYaml, secretLeftOutNotice } from './externaldns-manifest-yaml';
import { getClusterOrThrow } from './get-cluster-or-throw';
import { loadExternalDnsBundle } from './load-externaldns-bundle';

export interface ExternalDnsManifestContext {
  store: Store;
  vault: VaultKv;
  actor: Actor;
  org: Organization;
  baseDomain: string;
}

export async function externalDnsManifest(
  ctx: ExternalDnsManifestContext,
  input: { clusterName: string; withSecret: boolean },
): Promise<string> {
  const cluster = await getClusterOrThrow(ctx.store, { org: ctx.org, name: input.clusterName });
  const { input: bundle, key } = await loadExternalDnsBundle(ctx, ctx.org, cluster);
  const objects = externalDnsObjects(bundle);
  if (!input.withSecret) {
    return manifestYaml(objects, secretLeftOutNotice(ctx.org.slug, cluster.name));
  }
  // The Secret goes right after the namespace and before the Deployment that mounts it.
  const [namespace, ...rest] = objects;
  await recordAuditEvent(ctx.store, {
    actor: ctx.actor,
    orgId: ctx.org.id,
    action: 'externaldns.manifest_with_secret',
    target: cluster.name,
    outcome: 'success',
    detail: { uid: cluster.uid, keyVersion: bundle.keyVersion, accessKeyId: key.accessKeyId },
  });
  return manifestYaml([namespace!, awsCredentialsSecret(key), ...rest]);
}
