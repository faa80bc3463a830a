'use client';

import { useQuery } from '@tanstack/react-query';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';

export const orgStatusQueryKey = (slug: string) => ['org-status', slug] as const;

// Fast while the reconciler works; slower while a failed step waits for its retry (the reconciler
// tries again on its own, so the page keeps watching); not at all once there is nothing to wait for.
const POLL_MS = { working: 1_000, failed: 5_000 } as const;

/** The org's provisioning status, polled from its route handler; null once the org is gone. */
export function useOrgStatus(initial: OrgStatusView) {
  return useQuery({
    queryKey: orgStatusQueryKey(initial.slug),
    queryFn: () => fetchOrgStatus(initial.slug),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.readAt),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (!status || status === 'ready' || status === 'deleted') return false;
      return status === 'failed' ? POLL_MS.failed : POLL_MS.working;
    },
  });
}

async function fetchOrgStatus(slug: string): Promise<OrgStatusView | null> {
  const response = await fetch(`/api/orgs/${encodeURIComponent(slug)}/status`, {
    cache: 'no-store',
  });
  // A deleted org is not found like any other: its page has nothing left to show.
  if (response.status === 404) return null;
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new Error(
      body?.error?.message ?? `The status could not be read (HTTP ${response.status}).`,
    );
  }
  return (await response.json()) as OrgStatusView;
}
