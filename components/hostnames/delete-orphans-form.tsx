'use client';

import { useActionState } from 'react';
import { ActionFeedback } from '@/components/org-detail/action-feedback';
import { SubmitButton } from '@/components/ui/submit-button';
import type { Result } from '@/server/errors/domain-error';

type DeleteResult = { deleted: number; batches: number };
type DeleteAction = (previous: unknown, formData: FormData) => Promise<Result<DeleteResult>>;

/**
 * Confirms the deletion of exactly the previewed records: the form carries the preview's digest,
 * and the server refuses when the orphans are no longer those.
 */
export function DeleteOrphansForm({
  orgSlug,
  digest,
  count,
  action,
}: {
  orgSlug: string;
  digest: string;
  count: number;
  action: DeleteAction;
}) {
  const [state, formAction, pending] = useActionState<Result<DeleteResult> | null, FormData>(
    action,
    null,
  );
  const done = state?.ok === true;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="digest" value={digest} />
      {!done && (
        <SubmitButton
          pending={pending}
          pendingLabel="Deleting…"
          tone="danger"
          data-testid="confirm-delete-orphans"
        >
          Delete these {count} record set{count === 1 ? '' : 's'} from Route 53
        </SubmitButton>
      )}
      <ActionFeedback
        state={state}
        success={
          state?.ok
            ? `Deleted ${state.data.deleted} record sets in ${state.data.batches} change batch${state.data.batches === 1 ? '' : 'es'}.`
            : ''
        }
      />
    </form>
  );
}
