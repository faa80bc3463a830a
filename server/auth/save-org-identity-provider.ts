// The sign-in settings form's verb: registers the org's own identity provider with its client
// secret in this installation's Vault, its issuer reached under this installation's network policy
// (registerOrgIdentityProvider takes both as arguments, so tests can hand it their own).
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { getVaultKv } from '../cloud/vault';
import type { Actor } from './actor';
import {
  registerOrgIdentityProvider,
  type RegisteredIdentityProvider,
  type RegisterOrgIdentityProviderInput,
} from './org-identity-provider';
import { issuerNetworkPolicy } from './shared-issuer-fetch';

export function saveOrgIdentityProvider(
  context: { store: Store; actor: Actor; org: Organization },
  input: RegisterOrgIdentityProviderInput,
): Promise<RegisteredIdentityProvider> {
  return registerOrgIdentityProvider(
    { ...context, vault: getVaultKv(), issuerPolicy: issuerNetworkPolicy() },
    input,
  );
}
