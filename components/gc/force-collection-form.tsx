'use client';

import { useActionState, useState } from 'react';
import { forceGcCollectionAction } from '@/app/gc/actions';
import type { Result } from '@/server/errors/domain-error';

/**
 * Force now: deletes the zone at once, whatever it costs. The button only asks; the deletion runs
 * once the operator has typed the zone's name. A refusal (pinned, a cluster running) shows here.
 */
export function ForceCollectionForm({ org, zoneName }: { org: string; zoneName: string }) {
  const [state, formAction, pending] = useActionState<Result<unknown> | null, FormData>(
    forceGcCollectionAction,
    null,
  );
  const [asking, setAsking] = useState(false);
  const id = `force-confirm-${org}`;
  const fieldError = state && !state.ok ? state.error.fields?.confirm?.join(' ') : undefined;
  const formError = state && !state.ok && !state.error.fields ? state.error.message : undefined;
  if (!asking) {
    return (
      <div className="flex flex-col items-start gap-1">
        <button
          type="button"
          onClick={() => setAsking(true)}
          aria-label={`Force the deletion of ${zoneName} now`}
          className="whitespace-nowrap rounded-md px-2.5 py-1 text-sm font-medium text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50"
        >
          Force now
        </button>
        {formError && (
          <p role="alert" className="max-w-xs text-xs text-red-700">
            {formError}
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      action={formAction}
      role="group"
      aria-label={`Confirm forcing ${zoneName}`}
      className="flex min-w-[16rem] max-w-xs flex-col gap-2 rounded-md border border-red-200 bg-red-50/60 p-2"
    >
      <input type="hidden" name="org" value={org} />
      <label htmlFor={id} className="text-xs text-red-900">
        Delete <span className="font-mono">{zoneName}</span> now, whatever it costs? Type the
        zone&apos;s name to confirm.
      </label>
      <input
        id={id}
        name="confirm"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={fieldError ? `${id}-error` : undefined}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
      />
      {fieldError && (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {fieldError}
        </p>
      )}
      {formError && (
        <p role="alert" className="text-xs text-red-700">
          {formError}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-500 disabled:opacity-60"
        >
          {pending ? 'Forcing…' : 'Delete the zone now'}
        </button>
        <button
          type="button"
          onClick={() => setAsking(false)}
          disabled={pending}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Keep it
        </button>
      </div>
    </form>
  );
}
