'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';
import { DangerZone } from './danger-zone';
import { IdentityCard } from './identity-card';
import { OrgControls, type OrgPermissions } from './org-controls';
import { ProvisioningSteps } from './provisioning-steps';
import { ProvisioningSummary } from './provisioning-summary';
import { RotationHold } from './rotation-hold';
import { useOrgStatus } from './use-org-status';
import { ZoneCard } from './zone-card';

/**
 * Everything on the org page that the reconciler changes, kept current by polling. `history`
 * (the audit trail, rendered on the server) sits between the state and the danger zone, which
 * is always last.
 */
export function OrgLiveStatus({
  initial,
  zoneName,
  permissions,
  history,
  historyKept,
}: {
  initial: OrgStatusView;
  zoneName: string;
  permissions: OrgPermissions;
  history: ReactNode;
  /** Whether this person can still open the org's page once it is deleted (operators). */
  historyKept: boolean;
}) {
  const query = useOrgStatus(initial);
  const view = query.data;
  useRefreshOnStatusChange(view?.status ?? null);
  if (view === null) return <OrgGone slug={initial.slug} historyKept={historyKept} />;
  return (
    <div className="flex flex-col gap-6">
      <ProvisioningSummary view={view} live={view.status !== 'ready'} />
      {query.error && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Showing the status as of the last successful update: {query.error.message}
        </p>
      )}
      <RotationHold view={view} mayForce={permissions.forceRetire} />
      <OrgControls view={view} permissions={permissions} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ZoneCard zone={view.zone} zoneName={zoneName} />
        <IdentityCard identity={view.identity} readAt={view.readAt} />
      </div>
      <ProvisioningSteps steps={view.steps} deleting={view.desiredState === 'absent'} />
      {history}
      <DangerZone view={view} mayDelete={permissions.delete} />
    </div>
  );
}

function OrgGone({ slug, historyKept }: { slug: string; historyKept: boolean }) {
  return (
    <div role="status" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-medium text-slate-900">{slug} has been deleted.</p>
      <p className="mt-1 text-sm text-slate-500">
        Its zone, identity and Vault secret are gone.{' '}
        {historyKept && (
          // A full load: the server now renders the deleted org's read-only page.
          <>
            <a href={`/orgs/${slug}`} className="font-medium text-indigo-600 hover:underline">
              Open its history
            </a>{' '}
            ·{' '}
          </>
        )}
        <Link href="/orgs" className="font-medium text-indigo-600 hover:underline">
          Back to the organizations
        </Link>
      </p>
    </div>
  );
}

// The server-rendered parts of the page (the audit trail) change with the status: render them
// again whenever the status moves on, so they never lag behind what the reconciler did. Not once
// the org is gone (null): the server would answer with another page instead of saying so.
function useRefreshOnStatusChange(status: string | null) {
  const router = useRouter();
  const seen = useRef(status);
  useEffect(() => {
    if (status === null || seen.current === status) return;
    seen.current = status;
    router.refresh();
  }, [status, router]);
}
