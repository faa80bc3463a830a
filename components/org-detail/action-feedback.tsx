import type { Result } from '@/server/errors/domain-error';

/** What an action answered, next to the control that sent it. */
export function ActionFeedback({
  state,
  success,
}: {
  state: Result<unknown> | null;
  success: string;
}) {
  if (!state) return null;
  if (state.ok) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {success}
      </p>
    );
  }
  if (state.error.fields) return null; // shown at the field instead
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {state.error.message}
    </p>
  );
}
