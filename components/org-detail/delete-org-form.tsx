'use client';

import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { MAX_LABEL_LENGTH } from '@/server/orgs/slug-limits';
import { ActionFeedback } from './action-feedback';
import type { OrgActionControl } from './use-org-action';

/** Deletion, confirmed by typing the slug: a zone and its records are not brought back by a click. */
export function DeleteOrgForm({
  orgSlug,
  control: [state, formAction, pending],
  available,
}: {
  orgSlug: string;
  control: OrgActionControl;
  available: boolean;
}) {
  const fields = state && !state.ok ? state.error.fields : undefined;
  const feedback = (
    <ActionFeedback
      state={state}
      success={`Deletion of ${orgSlug} requested; the teardown shows above, step by step.`}
    />
  );
  if (!available) return feedback;
  return (
    <form action={formAction} aria-labelledby="delete-org-title" className="flex flex-col gap-3">
      <h3 id="delete-org-title" className="text-sm font-semibold text-slate-900">
        Delete organization
      </h3>
      <p className="text-sm text-slate-600">
        Removes the delegation first, then every record, the hosted zone, the IAM user, its policy
        and keys, and the Vault secret. The audit trail stays for platform operators.
      </p>
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <div className="max-w-sm">
        <Field
          name="confirm"
          label={`Type ${orgSlug} to confirm`}
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_LABEL_LENGTH}
          errors={fields?.confirm}
        />
      </div>
      {feedback}
      <div>
        <SubmitButton pending={pending} pendingLabel="Requesting deletion…" tone="danger">
          Delete organization
        </SubmitButton>
      </div>
    </form>
  );
}
