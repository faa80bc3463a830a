'use client';

import { useState } from 'react';
import { forceRetireOldKeyAction } from '@/app/orgs/[slug]/actions';
import { Card } from '@/components/ui/card';
import { SubmitButton } from '@/components/ui/submit-button';
import { UtcTime } from '@/components/ui/utc-time';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';
import { useOrgAction } from './use-org-action';

/**
 * A rotation whose old key still waits for clusters: which cluster holds it, why, and when it is
 * tried again. Platform operators may delete the old key anyway, after a confirmation that names
 * the clusters that break. Stays mounted (rendering nothing) while no rotation waits, so the
 * answer to a forced deletion outlives the card.
 */
export function RotationHold({ view, mayForce }: { view: OrgStatusView; mayForce: boolean }) {
  const force = useOrgAction(forceRetireOldKeyAction, view.slug);
  const [asking, setAsking] = useState(false);
  const hold = view.rotationHold;
  const [result, formAction, pending] = force;
  if (!hold) {
    if (!result?.ok) return null;
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        The old key is deleted; clusters still on it get the new key when the reconciler reaches
        them.
      </p>
    );
  }
  const breaking = hold.blockers.map((b) => b.cluster);
  return (
    <Card
      id="rotation-hold"
      title="Key rotation waiting for clusters"
      description={
        <>
          The new key is verified and in Vault; the old key{' '}
          <span className="font-mono">{hold.retiringAccessKeyId}</span> is deleted once every
          connected cluster runs ExternalDNS with the new one.
        </>
      }
    >
      <ul className="mt-4 flex flex-col gap-2 text-sm">
        {hold.blockers.map((b) => (
          <li key={b.cluster} data-testid="rotation-blocker" data-cluster={b.cluster}>
            Rotation waiting for cluster <span className="font-mono font-medium">{b.cluster}</span>{' '}
            ({b.reason}) —{' '}
            {b.nextRetryAt ? (
              <>
                next retry at <UtcTime value={new Date(b.nextRetryAt)} />
              </>
            ) : (
              'tried at the next pass'
            )}
          </li>
        ))}
        {hold.blockers.length === 0 && (
          <li>Every connected cluster holds the new key; the old key goes at the next pass.</li>
        )}
        {hold.manualClusters.map((name) => (
          <li key={name} className="text-slate-600">
            <span className="font-mono">{name}</span> is manual, so it is not waited for: its admin
            must apply the new Secret (
            <code className="font-mono text-xs">
              zk externaldns manifest --org {view.slug} --cluster {name} --with-secret
            </code>
            ).
          </li>
        ))}
      </ul>
      {mayForce && !asking && (
        <button
          type="button"
          onClick={() => setAsking(true)}
          className="mt-4 rounded-md px-3 py-2 text-sm font-medium text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50"
        >
          Delete the old key now
        </button>
      )}
      {mayForce && asking && (
        <form
          action={formAction}
          role="group"
          aria-label="Confirm"
          className="mt-4 flex flex-col items-start gap-2 rounded-md border border-red-200 bg-red-50/60 p-3"
        >
          <p data-testid="confirm-question" className="text-sm text-red-900">
            Delete the old key {hold.retiringAccessKeyId} now?{' '}
            {breaking.length > 0
              ? `${breaking.join(', ')} will break: ExternalDNS there keeps the deleted key until the reconciler delivers the new one.`
              : 'No connected cluster breaks.'}
          </p>
          <input type="hidden" name="orgSlug" value={view.slug} />
          <input type="hidden" name="clusters" value={breaking.join(',')} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={pending} pendingLabel="Deleting…" tone="danger">
              Delete old key
            </SubmitButton>
            <button
              type="button"
              onClick={() => setAsking(false)}
              disabled={pending}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {result && !result.ok && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {result.error.message}
        </p>
      )}
    </Card>
  );
}
