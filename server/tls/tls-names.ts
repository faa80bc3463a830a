// What each certificate covers, where its key lives in Vault and which Secrets carry it.
import type { TlsCertificateScope } from '@/db/schema/enums';

/** The org zone's certificate: the zone apex and every name one label below it. */
export function orgCertificateNames(orgSlug: string, baseDomain: string): string[] {
  const zone = `${orgSlug}.${baseDomain}`;
  return [`*.${zone}`, zone];
}

/** One cluster's certificate: its domain and every name one label below it. */
export function clusterCertificateNames(
  clusterName: string,
  orgSlug: string,
  baseDomain: string,
): string[] {
  const domain = `${clusterName}.${orgSlug}.${baseDomain}`;
  return [`*.${domain}`, domain];
}

export function caCommonName(orgSlug: string, baseDomain: string): string {
  return `Zonekeeper CA for ${orgSlug}.${baseDomain}`;
}

/** Paths inside the KV mount (the adapter adds `<mount>/data/`). */
export function caVaultPath(orgSlug: string): string {
  return `zonekeeper/orgs/${orgSlug}/tls/ca`;
}

/** One path per certificate: a renewal never overwrites the key the clusters still use. */
export function certificateVaultPath(orgSlug: string, serial: string): string {
  return `zonekeeper/orgs/${orgSlug}/tls/certs/${serial}`;
}

/** The key inside each Vault secret that holds the PKCS#8 PEM. */
export const PRIVATE_KEY_FIELD = 'privateKeyPem';

/** The `kubernetes.io/tls` Secret each listed namespace gets for each scope. */
export const TLS_SECRET_NAMES: Record<TlsCertificateScope, string> = {
  org: 'zonekeeper-org-tls',
  cluster: 'zonekeeper-cluster-tls',
};
