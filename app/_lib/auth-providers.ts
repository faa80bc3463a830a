// The Auth.js provider for one sign-in: the platform IdP, or the org IdP named `org-<slug>`.
// Built per request from the database and Vault, so an org's registration applies at once, and
// only the provider at hand is built: one org's broken IdP or Vault path never blocks another's
// sign-in, nor the platform operators'.
import { customFetch } from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
import { orgSlugOfProvider, PLATFORM_PROVIDER_ID } from '@/server/auth/identity-provider-ids';
import { findOrgSignInClient } from '@/server/auth/find-org-sign-in-client';
import { sharedIssuerFetch } from '@/server/auth/shared-issuer-fetch';
import type { AuthSettings } from './auth-settings';

type OidcProvider = OIDCConfig<Record<string, unknown>>;

// The sandbox IdP and most others put groups among the profile claims; asking for a `groups`
// scope would make providers that do not know it refuse the sign-in.
const SCOPE = 'openid email profile';

export async function providerFor(
  providerId: string,
  settings: AuthSettings,
  options: { withSecret: boolean },
): Promise<OidcProvider | null> {
  if (providerId === PLATFORM_PROVIDER_ID) {
    if (!settings.platform) return null;
    return oidc(PLATFORM_PROVIDER_ID, 'Platform sign-in', settings.platform);
  }
  const slug = orgSlugOfProvider(providerId);
  if (!slug) return null;
  const client = await findOrgSignInClient(slug, options);
  if (!client) return null;
  return {
    // Named by slug, not display name: Auth.js may show the name to someone not signed in.
    ...oidc(providerId, slug, client),
    // An org admin chose this issuer: every request to it goes through the SSRF guard.
    [customFetch]: sharedIssuerFetch(),
  };
}

function oidc(
  id: string,
  name: string,
  client: { issuer: string; clientId: string; clientSecret: string },
): OidcProvider {
  return {
    id,
    name,
    type: 'oidc',
    issuer: client.issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: SCOPE } },
  };
}
