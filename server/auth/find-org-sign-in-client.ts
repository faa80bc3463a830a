// The OIDC client of one organization's own identity provider, as the sign-in needs it: read from
// the store and, when the client secret is asked for, from this installation's Vault. A broken
// Vault path is logged and answers null, so one org's broken IdP never blocks another's sign-in.
import { getVaultKv } from '../cloud/vault';
import { logger } from '../log/logger';
import { getStore } from '../store';
import { findOrgIdentityProviderBySlug, readOrgClientSecret } from './org-identity-provider';

export interface OrgSignInClient {
  issuer: string;
  clientId: string;
  /** '' unless `withSecret`: starting a sign-in needs none, only the code exchange does. */
  clientSecret: string;
}

export async function findOrgSignInClient(
  slug: string,
  options: { withSecret: boolean },
): Promise<OrgSignInClient | null> {
  const found = await findOrgIdentityProviderBySlug(await getStore(), slug);
  if (!found) return null;
  let clientSecret = '';
  if (options.withSecret) {
    try {
      clientSecret = await readOrgClientSecret(getVaultKv(), found.provider.clientSecretVaultPath);
    } catch (error) {
      logger.error('cannot read an org IdP client secret from Vault', { org: slug, error });
      return null;
    }
  }
  return {
    issuer: found.provider.issuer,
    clientId: found.provider.clientId,
    clientSecret,
  };
}
