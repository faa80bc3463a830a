// Where a cluster's secrets live and how its status token is made and checked. The kubeconfig's
// Vault path carries the cluster's UID, not its name, so two registrations racing for one name
// can never write over each other's kubeconfig (only one of them gets the row).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The path inside the KV mount (the adapter adds `<mount>/data/`). */
export function kubeconfigVaultPath(orgSlug: string, clusterUid: string): string {
  return `zonekeeper/orgs/${orgSlug}/clusters/${clusterUid}/kubeconfig`;
}

/** A new cluster UID, ExternalDNS's --txt-owner-id: random, and the column is unique. */
export function newClusterUid(): string {
  return `zkc-${randomBytes(12).toString('hex')}`;
}

/** A new status token (256 random bits); only its hash is kept. */
export function newStatusToken(): string {
  return `zkcs_${randomBytes(32).toString('base64url')}`;
}

export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with the stored hash. */
export function statusTokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const presented = Buffer.from(hashStatusToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
