'use client';

import { useActionState } from 'react';
import { requestGcPinAction } from '@/app/orgs/[slug]/pin-request-actions';
import type { Result } from '@/server/errors/domain-error';

/** An org admin asks the operators to keep the zone for good; only an operator pins. */
export function PinRequestForm({
  orgSlug,
  requestedAt,
}: {
  orgSlug: string;
  /** ISO time of the open request, if there is one. */
  requestedAt: string | null;
}) {
  const [state, formAction, pending] = useActionState<Result<unknown> | null, FormData>(
    requestGcPinAction,
    null,
  );
  const reasonError = state && !state.ok ? state.error.fields?.reason?.join(' ') : undefined;
  if (requestedAt || state?.ok) {
    return (
      <p data-testid="pin-requested" className="mt-4 text-sm text-slate-600">
        A pin was requested
        {requestedAt ? ` at ${requestedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}; the platform
        operators decide.
      </p>
    );
  }
  return (
    <form action={formAction} className="mt-4 flex flex-wrap items-end gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <label className="flex min-w-0 flex-col gap-1 text-sm font-medium text-slate-700">
        Why keep this zone? (optional)
        <input
          name="reason"
          maxLength={300}
          aria-invalid={reasonError ? true : undefined}
          className="w-72 max-w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? 'Asking…' : 'Ask operators to pin this zone'}
      </button>
      {(reasonError || (state && !state.ok && !state.error.fields)) && (
        <p role="alert" className="basis-full text-sm text-red-700">
          {reasonError ?? (state && !state.ok ? state.error.message : '')}
        </p>
      )}
    </form>
  );
}
