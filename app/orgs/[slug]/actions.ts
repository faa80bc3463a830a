'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/app/_lib/org-action';
import { forceRetireOldKey } from '@/server/credentials/force-retire-old-key';
import { requestKeyRotation } from '@/server/credentials/request-key-rotation';
import { requestOrganizationDeletion } from '@/server/orgs/delete-organization';
import { retryProvisioning } from '@/server/orgs/retry-provisioning';
import { nudgeReconciler } from '@/server/provisioning/reconciler-loop';

// Each action records desired state and returns at once; the nudge lets the reconciler in this
// process start now instead of at its next interval. The page polls for the progress.

export const retryProvisioningAction = orgAction({
  permission: 'provisioning.retry',
  input: z.object({}),
  run: async ({ store, actor, org }) => {
    await retryProvisioning({ store, actor }, org);
    nudgeReconciler();
    revalidatePath(`/orgs/${org.slug}`);
    return { slug: org.slug };
  },
});

export const rotateAccessKeyAction = orgAction({
  permission: 'credentials.rotate',
  input: z.object({}),
  run: async ({ store, actor, org }) => {
    await requestKeyRotation({ store, actor }, org);
    nudgeReconciler();
    revalidatePath(`/orgs/${org.slug}`);
    return { slug: org.slug };
  },
});

export const forceRetireOldKeyAction = orgAction({
  permission: 'credentials.force_retire',
  // The clusters the confirmation named, comma-separated; the domain function compares them with
  // the clusters that break now and refuses when they differ.
  input: z.object({ clusters: z.string().max(2000).default('') }),
  run: async ({ store, actor, org, input }) => {
    const done = await forceRetireOldKey({ store, actor }, org, {
      confirmClusters: input.clusters.split(','),
    });
    revalidatePath(`/orgs/${org.slug}`);
    return done;
  },
});

export const deleteOrganizationAction = orgAction({
  permission: 'orgs.delete',
  // Only text here; the domain function compares it with the slug and says what is wrong.
  input: z.object({ confirm: z.string().default('') }),
  run: async ({ store, actor, org, input }) => {
    // The slug of the org loaded through the caller's membership, never one from the form.
    await requestOrganizationDeletion({ store, actor }, { slug: org.slug, confirm: input.confirm });
    nudgeReconciler();
    revalidatePath(`/orgs/${org.slug}`);
    revalidatePath('/orgs');
    return { slug: org.slug };
  },
});
