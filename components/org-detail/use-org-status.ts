'use client';

import { readFailure, useLiveData } from '@/components/live/use-live-data';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';

export const orgStatusKey = (slug: string) => `org-status:${slug}`;

// Fast while the reconciler works; slower while a failed step waits for its retry (the reconciler
// tries again on its own, so the page keeps watching); not at all once there is nothing to wait for.
const POLL_MS = { working: 1_000, failed: 5_000 } as const;

/** The org's provisioning status, polled from its route handler; null once the org is gone. */
export function useOrgStatus(initial: OrgStatusView) {
  return useLiveData<OrgStatusView | null>({
    key: orgStatusKey(initial.slug),
    initial,
    read: () => fetchOrgStatus(initial.slug),
    every: (view) => {
      if (!view || view.status === 'ready' || view.status === 'deleted') return false;
      return view.status === 'failed' ? POLL_MS.failed : POLL_MS.working;
    },
  });
}

async function fetchOrgStatus(slug: string): Promise<OrgStatusView | null> {
  const response = await fetch(`/api/orgs/${encodeURIComponent(slug)}/status`, {
    cache: 'no-store',
  });
  // A deleted org is not found like any other: its live page has nothing left to show.
  if (response.status === 404) return null;
  if (!response.ok) throw await readFailure(response, 'The status');
  return (await response.json()) as OrgStatusView;
}
