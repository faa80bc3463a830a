'use client';

import { useActionState } from 'react';
import { approveAllGcDecisionsAction } from '@/app/gc/actions';
import type { Result } from '@/server/errors/domain-error';
import type { ApprovalOutcome } from '@/server/gc/approve-all-gc-decisions';

/** Approves every proposed deletion shown; each one stale by now is listed with its reason. */
export function ApproveAllForm({ decisionIds }: { decisionIds: string[] }) {
  const [state, formAction, pending] = useActionState<Result<ApprovalOutcome[]> | null, FormData>(
    approveAllGcDecisionsAction,
    null,
  );
  const refused = state?.ok ? state.data.filter((o) => !o.approved) : [];
  return (
    <form action={formAction} className="flex flex-col items-start gap-2">
      <input type="hidden" name="decisionIds" value={decisionIds.join(',')} />
      <button
        type="submit"
        disabled={pending || decisionIds.length === 0}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? 'Approving…' : `Approve all (${decisionIds.length})`}
      </button>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.error.message}
        </p>
      )}
      {state?.ok && (
        <p role="status" className="text-sm text-slate-700">
          Approved {state.data.length - refused.length} of {state.data.length}.
        </p>
      )}
      {refused.length > 0 && (
        <ul role="alert" className="list-disc pl-5 text-sm text-red-700">
          {refused.map((o) => (
            <li key={o.decisionId}>
              <span className="font-mono">{o.org || o.decisionId}</span>: {o.refusal}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
