'use server';

import { revalidatePath } from 'next/cache';
import { orgAction } from '@/app/_lib/org-action';
import {
  registerOrgIdentityProviderInput,
  type RegisteredIdentityProvider,
} from '@/server/auth/org-identity-provider';
import { saveOrgIdentityProvider } from '@/server/auth/save-org-identity-provider';
import type { Result } from '@/server/errors/domain-error';

const register = orgAction({
  permission: 'idp.manage',
  input: registerOrgIdentityProviderInput,
  run: async ({ store, actor, org, input }) => {
    const registered = await saveOrgIdentityProvider({ store, actor, org }, input);
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
