'use client';

import { useActionState } from 'react';
import { ActionFeedback } from '@/components/org-detail/action-feedback';
import { SubmitButton } from '@/components/ui/submit-button';
import type { Result } from '@/server/errors/domain-error';

type SyncAction = (previous: unknown, formData: FormData) => Promise<Result<{ listed: number }>>;

/** Lists the org's zone into the store now; the page shows the new records when it is done. */
export function SyncNowButton({ orgSlug, action }: { orgSlug: string; action: SyncAction }) {
  const [state, formAction, pending] = useActionState<Result<{ listed: number }> | null, FormData>(
    action,
    null,
  );
  return (
    <form action={formAction} className="flex flex-col items-end gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <SubmitButton pending={pending} pendingLabel="Syncing…" data-testid="sync-now">
        Sync now
      </SubmitButton>
      <ActionFeedback
        state={state}
        success={
          state?.ok
            ? `Synced: ${state.data.listed.toLocaleString('en-US')} record sets in the zone.`
            : ''
        }
      />
    </form>
  );
}
