'use client';

import { useActionState } from 'react';
import { setGcModeAction } from '@/app/gc/actions';
import type { Result } from '@/server/errors/domain-error';

const DESCRIPTION = {
  manual: 'every deletion waits for an operator’s approval',
  automatic: 'deletions go ahead at their time, without approval',
} as const;

/** The collector's mode, and the switch (the store's "gc" setting, over ZK_GC_MODE). */
export function GcModeForm({
  mode,
  source,
}: {
  mode: 'manual' | 'automatic';
  source: 'setting' | 'environment';
}) {
  const [state, formAction, pending] = useActionState<Result<unknown> | null, FormData>(
    setGcModeAction,
    null,
  );
  const other = mode === 'manual' ? 'automatic' : 'manual';
  return (
    <form action={formAction} className="mt-3 flex flex-col gap-2">
      <p className="text-sm text-slate-700">
        Mode:{' '}
        <strong data-testid="gc-mode" data-mode={mode}>
          {mode}
        </strong>{' '}
        — {DESCRIPTION[mode]}.{' '}
        <span className="text-slate-500">
          {source === 'setting'
            ? 'Set here (stored); it overrides ZK_GC_MODE.'
            : 'From ZK_GC_MODE; switching stores the choice, which then overrides it.'}
        </span>
      </p>
      <input type="hidden" name="mode" value={other} />
      <div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        >
          {pending ? 'Switching…' : `Switch to ${other} mode`}
        </button>
      </div>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.error.message}
        </p>
      )}
    </form>
  );
}
