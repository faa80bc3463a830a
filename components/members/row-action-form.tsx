'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { Result } from '@/server/errors/domain-error';

type RowAction = (previous: unknown, formData: FormData) => Promise<Result<unknown>>;

/**
 * One button acting on one row of a table (revoke, remove). On success the page is revalidated
 * and the row goes; a refusal stays next to the button.
 */
export function RowActionForm({
  action,
  orgSlug,
  fields,
  label,
  pendingLabel,
  accessibleName,
}: {
  action: RowAction;
  orgSlug: string;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  /** What the button does to whom, for a screen reader reading the button alone. */
  accessibleName: string;
}) {
  const [state, formAction, pending] = useActionState<Result<unknown> | null, FormData>(
    action,
    null,
  );
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        pending={pending}
        pendingLabel={pendingLabel}
        tone="danger"
        aria-label={accessibleName}
      >
        {label}
      </SubmitButton>
      {state && !state.ok && (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          {state.error.message}
        </p>
      )}
    </form>
  );
}
