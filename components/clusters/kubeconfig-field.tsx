'use client';

import { useRef } from 'react';

const ID = 'field-kubeconfig';

/**
 * The kubeconfig, pasted or read from a chosen file into the same box: the file is read here, in
 * the browser, so the form sends text like any other field. Never filled in from the server.
 */
export function KubeconfigField({ errors, dropped }: { errors?: string[]; dropped: boolean }) {
  const text = useRef<HTMLTextAreaElement>(null);
  const notes = [errors?.length && `${ID}-error`, dropped && `${ID}-dropped`, `${ID}-hint`].filter(
    Boolean,
  );
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={ID} className="text-sm font-medium text-slate-700">
        Kubeconfig
      </label>
      <textarea
        ref={text}
        id={ID}
        name="kubeconfig"
        rows={6}
        spellCheck={false}
        autoComplete="off"
        placeholder="apiVersion: v1&#10;kind: Config&#10;…"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={notes.join(' ')}
        className={`w-full min-w-0 rounded-md border bg-white px-3 py-2 font-mono text-xs shadow-sm outline-none transition focus:ring-2 ${
          errors?.length
            ? 'border-red-400 focus:border-red-500 focus:ring-red-200'
            : 'border-slate-300 focus:border-indigo-500 focus:ring-indigo-200'
        }`}
      />
      <label className="flex min-w-0 flex-wrap items-center gap-2 text-xs text-slate-600">
        Or read it from a file:
        <input
          type="file"
          aria-label="Kubeconfig file"
          className="min-w-0 max-w-full text-xs"
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            if (file && text.current) text.current.value = await file.text();
          }}
        />
      </label>
      <p id={`${ID}-hint`} className="text-xs text-slate-500">
        One current context with its server, CA and credentials embedded (kubectl config view
        --minify --raw --flatten). It is checked against the cluster&apos;s API, then kept in Vault
        only: no page shows it again.
      </p>
      {dropped && (
        <p id={`${ID}-dropped`} className="text-xs text-amber-800" data-testid="kubeconfig-dropped">
          The kubeconfig you sent is not kept after a refusal: paste or choose it again.
        </p>
      )}
      {errors?.length ? (
        <p id={`${ID}-error`} role="alert" className="text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
