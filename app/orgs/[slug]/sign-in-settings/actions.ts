'use server';

import { revalidatePath } from 'next/cache';
import { orgAction } from '@/app/_lib/org-action';
import { registerOrgIdentityProviderInput } from '@/server/auth/org-identity-provider';
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

// Never echoes the submitted client secret back: the result carries only issuer and client id.
export async function registerIdentityProviderAction(
  _previous: Result<{ issuer: string; clientId: string }> | null,
  formData: FormData,
): Promise<Result<{ issuer: string; clientId: string }>> {
  return register(formData);
}
