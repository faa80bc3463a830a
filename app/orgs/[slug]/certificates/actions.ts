'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/app/_lib/org-action';
import { nudgeReconciler } from '@/server/provisioning/reconciler-loop';
import { renewCertificatesNow } from '@/server/tls/renew-certificates';

// Issues the new certificates now (a key to Vault each); the nudged reconciler delivers them in
// place of the old ones, which stay valid in the clusters until then.
export const renewCertificatesAction = orgAction({
  permission: 'tls.renew',
  // Empty: every certificate of the org; else one cluster's, by name.
  input: z.object({ cluster: z.string().default('') }),
  run: async ({ store, actor, org, input }) => {
    const renewed = await renewCertificatesNow(
      { store, actor, org },
      { cluster: input.cluster || undefined },
    );
    nudgeReconciler();
    revalidatePath(`/orgs/${org.slug}/certificates`);
    return { renewed: renewed.map((r) => ({ target: r.target, serial: r.serial })) };
  },
});
