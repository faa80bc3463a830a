'use client';

import { Field } from '@/components/ui/field';
import { ActionFeedback } from './action-feedback';
import type { OrgActionControl } from './use-org-action';
import { SubmitButton } from '@/components/ui/submit-button';

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
      success={`Deletion of ${orgSlug} requested; the teardown shows below.`}
    />
  );
  if (!available) return feedback;
  return (
    <form
      action={formAction}
      aria-labelledby="delete-org-title"
      className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50/40 p-4"
    >
      <h3 id="delete-org-title" className="text-sm font-semibold text-red-900">
        Delete organization
      </h3>
      <p className="text-sm text-slate-600">
        Removes the delegation first, then every record, the hosted zone, the IAM user, its policy
        and keys, and the Vault secret.
      </p>
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <Field
        name="confirm"
        label={`Type ${orgSlug} to confirm`}
        autoComplete="off"
        spellCheck={false}
        errors={fields?.confirm}
      />
      {feedback}
      <div>
        <SubmitButton pending={pending} pendingLabel="Requesting deletion…" tone="danger">
          Delete organization
        </SubmitButton>
      </div>
    </form>
  );
}
