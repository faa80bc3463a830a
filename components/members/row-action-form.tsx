'use client';

import { useActionState, useState, type ReactNode } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { Result } from '@/server/errors/domain-error';

type RowAction = (previous: unknown, formData: FormData) => Promise<Result<unknown>>;

/**
 * A destructive action on one row of a table (revoke, remove). The row's button is quiet until
 * hovered and only asks; the action runs from a second button beside a question that names what
 * will go, so nothing is lost to one click. On success the page is revalidated and the row goes;
 * a refusal stays next to the button.
 */
export function RowActionForm({
  action,
  orgSlug,
  fields,
  label,
  pendingLabel,
  accessibleName,
  question,
  confirmLabel,
}: {
  action: RowAction;
  orgSlug: string;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  /** What the button does to whom, for a screen reader reading the button alone. */
  accessibleName: string;
  /** The confirmation, naming what will go: "Remove ivy@example.com from acme?" */
  question: ReactNode;
  confirmLabel: string;
}) {
  const [state, formAction, pending] = useActionState<Result<unknown> | null, FormData>(
    action,
    null,
  );
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <div className="flex flex-col items-start gap-1">
        <button
          type="button"
          aria-label={accessibleName}
          onClick={() => setAsking(true)}
          className="rounded-md px-2.5 py-1 text-sm font-medium text-slate-500 ring-1 ring-inset ring-slate-200 transition-colors hover:bg-red-50 hover:text-red-700 hover:ring-red-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400"
        >
          {label}
        </button>
        {state && !state.ok && <RowError message={state.error.message} />}
      </div>
    );
  }
  return (
    <form
      action={formAction}
      role="group"
      aria-label="Confirm"
      className="flex min-w-[14rem] max-w-xs flex-col items-start gap-2 rounded-md border border-red-200 bg-red-50/60 p-2"
    >
      <p data-testid="confirm-question" className="text-xs text-red-900">
        {question}
      </p>
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending} pendingLabel={pendingLabel} tone="danger">
          {confirmLabel}
        </SubmitButton>
        <button
          type="button"
          onClick={() => setAsking(false)}
          disabled={pending}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Cancel
        </button>
      </div>
      {state && !state.ok && <RowError message={state.error.message} />}
    </form>
  );
}

function RowError({ message }: { message: string }) {
  return (
    <p role="alert" className="max-w-xs text-xs text-red-700">
      {message}
    </p>
  );
}
