'use server';

import { revalidatePath } from 'next/cache';
import { orgAction } from '@/app/_lib/org-action';
import {
  registerOrgIdentityProvider,
  registerOrgIdentityProviderInput,
  type RegisteredIdentityProvider,
} from '@/server/auth/org-identity-provider';
import { issuerNetworkPolicy } from '@/server/auth/shared-issuer-fetch';
import { getVaultKv } from '@/server/cloud/vault';
import type { Result } from '@/server/errors/domain-error';

const register = orgAction({
  permission: 'idp.manage',
  input: registerOrgIdentityProviderInput,
  run: async ({ store, actor, org, input }) => {
    const registered = await registerOrgIdentityProvider(
      { store, vault: getVaultKv(), actor, org, issuerPolicy: issuerNetworkPolicy() },
      input,
    );
    revalidatePath(`/orgs/${org.slug}/sign-in-settings`);
    return registered;
  },
});

export interface IdentityProviderFormState {
  result: Result<RegisteredIdentityProvider>;
  /** What was typed, so a failed save keeps it; never the client secret. */
  typed: { issuer: string; clientId: string };
}

export async function registerIdentityProviderAction(
  _previous: IdentityProviderFormState | null,
  formData: FormData,
): Promise<IdentityProviderFormState> {
  const typed = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    result: await register(formData),
    typed: { issuer: typed('issuer'), clientId: typed('clientId') },
  };
}
