'use client';

import { useState } from 'react';

/**
 * The cluster's status token, shown this once (only its hash is stored), with the request the
 * platform reports the cluster's status with.
 */
export function StatusTokenBox({ uid, token }: { uid: string; token: string }) {
  const [copied, setCopied] = useState(false);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const curl = `curl -X POST -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '{"status":"running"}' ${origin}/api/clusters/${uid}/status`;
  return (
    <div
      className="flex min-w-0 flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3"
      data-testid="status-token-box"
    >
      <p className="text-sm font-medium text-amber-900">
        Status token: copy it now. It is shown only this once and cannot be shown again.
      </p>
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <code
          data-testid="status-token"
          className="min-w-0 max-w-full break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-amber-200"
        >
          {token}
        </code>
        <button
          type="button"
          className="rounded-md bg-white px-3 py-1 text-xs font-semibold text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
          onClick={async () => {
            await navigator.clipboard?.writeText(token);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="text-xs text-amber-900">The platform reports the cluster&apos;s status with:</p>
      <code
        data-testid="status-curl"
        className="block min-w-0 max-w-full break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-amber-200"
      >
        {curl}
      </code>
    </div>
  );
}
