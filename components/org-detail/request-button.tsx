'use client';

import { ActionFeedback } from './action-feedback';
import type { OrgActionControl } from './use-org-action';
import { SubmitButton } from '@/components/ui/submit-button';

/**
 * A one-button form for an org action without input (retry, rotate), with its answer inline.
 * Once the action has put the org in a state where it no longer applies, only the answer stays.
 */
export function RequestButton({
  orgSlug,
  control: [state, formAction, pending],
  available,
  label,
  pendingLabel,
  success,
  description,
}: {
  orgSlug: string;
  control: OrgActionControl;
  available: boolean;
  label: string;
  pendingLabel: string;
  success: string;
  description: string;
}) {
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {available && (
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending} pendingLabel={pendingLabel}>
            {label}
          </SubmitButton>
          <p className="text-sm text-slate-500">{description}</p>
        </div>
      )}
      <ActionFeedback state={state} success={success} />
    </form>
  );
}
