'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/app/_lib/org-action';
import { deleteOrphans } from '@/server/hostnames/delete-orphans';
import { syncRecordsNow } from '@/server/hostnames/sync-records-now';

// Both run inside the request: a sync of one zone is a few ListResourceRecordSets calls, and
// a deletion is bounded by MAX_ORPHANS_PER_DELETION, so the person sees the result at once.

export const syncRecordsAction = orgAction({
  permission: 'records.sync',
  input: z.object({}),
  run: async ({ store, actor, org }) => {
    const result = await syncRecordsNow({ store, actor, org });
    revalidatePath(`/orgs/${org.slug}`, 'layout');
    return { listed: result.listed ?? 0 };
  },
});

export const deleteOrphansAction = orgAction({
  permission: 'records.delete_orphans',
  input: z.object({
    digest: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'The confirmation lost its preview: open the preview again.'),
  }),
  run: async ({ store, actor, org, input }) => {
    const result = await deleteOrphans({ store, actor, org }, input.digest);
    revalidatePath(`/orgs/${org.slug}`, 'layout');
    return result;
  },
});
