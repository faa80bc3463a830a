'use client';

import { useActionState } from 'react';
import type { Result } from '@/server/errors/domain-error';

export type GcFormAction = (previous: unknown, formData: FormData) => Promise<Result<unknown>>;

/**
 * One button of the queue (approve, cancel, pin, unpin) posting its hidden fields. A refusal —
 * a stale approval, say — shows under the button with the reason; a success revalidates the page.
 */
export function GcActionButton({
  action,
  fields,
  label,
  pendingLabel,
  accessibleName,
  tone = 'plain',
}: {
  action: GcFormAction;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  /** What the button does to which org, for a screen reader reading the button alone. */
  accessibleName: string;
  tone?: 'plain' | 'primary';
}) {
  const [state, formAction, pending] = useActionState<Result<unknown> | null, FormData>(
    action,
    null,
  );
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        aria-label={accessibleName}
        className={`whitespace-nowrap rounded-md px-2.5 py-1 text-sm font-medium disabled:opacity-60 ${
          tone === 'primary'
            ? 'bg-indigo-600 text-white hover:bg-indigo-500'
            : 'text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50'
        }`}
      >
        {pending ? pendingLabel : label}
      </button>
      {state && !state.ok && (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          {state.error.message}
        </p>
      )}
    </form>
  );
}
