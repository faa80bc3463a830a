// The sign-in settings form's verb: registers the org's own identity provider with its client
// secret in this installation's Vault (registerOrgIdentityProvider takes the Vault client as an
// argument, so tests can hand it their own).
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { getVaultKv } from '../cloud/vault';
import type { Actor } from './actor';
import {
  registerOrgIdentityProvider,
  type RegisterOrgIdentityProviderInput,
} from './org-identity-provider';

export function saveOrgIdentityProvider(
  context: { store: Store; actor: Actor; org: Organization },
  input: RegisterOrgIdentityProviderInput,
): Promise<{ issuer: string; clientId: string }> {
  return registerOrgIdentityProvider({ ...context, vault: getVaultKv() }, input);
}
