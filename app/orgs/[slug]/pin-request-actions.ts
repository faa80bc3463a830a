'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/app/_lib/org-action';
import { requestGcPin } from '@/server/gc/request-gc-pin';

// An org admin asks the operators to keep the org's zone for good; the collector's queue page
// lists the request, and an operator grants it by pinning.
export const requestGcPinAction = orgAction({
  permission: 'gc.request_pin',
  input: z.object({ reason: z.string().default('') }),
  run: async ({ store, actor, org, input }) => {
    await requestGcPin(store, actor, org, input.reason);
    revalidatePath(`/orgs/${org.slug}`);
    revalidatePath('/gc');
    return { slug: org.slug };
  },
});
