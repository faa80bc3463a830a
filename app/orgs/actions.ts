'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { platformAction } from '@/app/_lib/org-action';
import { getConfig } from '@/server/config/config';
import { createOrganization } from '@/server/orgs/create-organization';
import type { CreateOrgFormState } from '@/components/orgs/create-org-form-state';

const createOrg = platformAction({
  permission: 'orgs.create',
  // The domain schema checks the values; here they only have to be text.
  input: z.object({ displayName: z.string().default(''), slug: z.string().default('') }),
  run: async ({ store, actor, input }) => {
    const org = await createOrganization(
      { store, actor, baseDomain: getConfig().ZK_BASE_DOMAIN },
      input,
    );
    return { slug: org.slug, displayName: org.displayName };
  },
});

export async function createOrganizationAction(
  _previous: CreateOrgFormState,
  formData: FormData,
): Promise<CreateOrgFormState> {
  const result = await createOrg(formData);
  if (result.ok) revalidatePath('/orgs');
  const submitted = {
    displayName: String(formData.get('displayName') ?? ''),
    slug: String(formData.get('slug') ?? ''),
  };
  return { result, submitted: result.ok ? undefined : submitted };
}
