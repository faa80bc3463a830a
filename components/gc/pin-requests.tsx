import { setGcPinAction } from '@/app/gc/actions';
import { UtcTime } from '@/components/ui/utc-time';
import type { PinRequest } from '@/server/gc/request-gc-pin';
import { GcActionButton } from './gc-action-button';

/** Org admins' requests to keep their zone, and the orgs pinned now (to unpin). */
export function PinRequests({ requests, pinned }: { requests: PinRequest[]; pinned: string[] }) {
  return (
    <div className="mt-4 grid gap-6 md:grid-cols-2">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">Requests</h3>
        {requests.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">No open request.</p>
        ) : (
          <ul aria-label="Pin requests" className="mt-2 flex flex-col gap-3">
            {requests.map((r) => (
              <li key={r.orgId} data-org-slug={r.org} className="flex flex-col gap-1 text-sm">
                <span>
                  <span className="font-mono font-medium">{r.org}</span>: asked by {r.requestedBy}{' '}
                  at <UtcTime value={r.requestedAt} />
                </span>
                {r.reason && <span className="text-slate-600">“{r.reason}”</span>}
                <GcActionButton
                  action={setGcPinAction}
                  fields={{ org: r.org, pinned: 'true' }}
                  label="Pin"
                  pendingLabel="Pinning…"
                  accessibleName={`Pin ${r.org} as requested`}
                  tone="primary"
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-900">Pinned</h3>
        {pinned.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">No organization is pinned.</p>
        ) : (
          <ul aria-label="Pinned organizations" className="mt-2 flex flex-col gap-2">
            {pinned.map((slug) => (
              <li key={slug} data-org-slug={slug} className="flex items-center gap-3 text-sm">
                <span className="font-mono">{slug}</span>
                <GcActionButton
                  action={setGcPinAction}
                  fields={{ org: slug, pinned: 'false' }}
                  label="Unpin"
                  pendingLabel="Unpinning…"
                  accessibleName={`Unpin ${slug}`}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
