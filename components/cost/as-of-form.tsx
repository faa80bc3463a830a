// "What if it were then": a plain GET form, so the time lives in the address and can be shared.
export function AsOfForm({
  action,
  value,
  error,
  label = 'As of (UTC)',
  submitLabel = 'Show',
}: {
  action: string;
  value: string;
  error?: string;
  label?: string;
  submitLabel?: string;
}) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        {label}
        <input
          name="at"
          defaultValue={value}
          placeholder="2026-12-31T23:00:00Z"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'as-of-error' : undefined}
          className="w-64 rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
        />
      </label>
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        {submitLabel}
      </button>
      {error && (
        <p id="as-of-error" role="alert" className="basis-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
