'use server';

import { revalidatePath } from 'next/cache';
import { getConfig } from '@/server/config/config';
import type { Result } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { createOrganization } from '@/server/orgs/create-organization';
import { getStore } from '@/server/store';
import type { CreateOrgFormState } from '@/components/orgs/create-org-form-state';

export async function createOrganizationAction(
  _previous: CreateOrgFormState,
  formData: FormData,
): Promise<CreateOrgFormState> {
  // FormData values are strings or files: read them as text, the domain schema does the rest.
  const submitted = {
    displayName: String(formData.get('displayName') ?? ''),
    slug: String(formData.get('slug') ?? ''),
  };
  const result: Result<{ slug: string; displayName: string }> = await toResult(async () => {
    const org = await createOrganization(
      {
        store: await getStore(),
        actor: { type: 'user', label: 'anonymous' },
        baseDomain: getConfig().ZK_BASE_DOMAIN,
      },
      submitted,
    );
    return { slug: org.slug, displayName: org.displayName };
  });
  if (result.ok) revalidatePath('/orgs');
  return { result, submitted: result.ok ? undefined : submitted };
}
