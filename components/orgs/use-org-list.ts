'use client';

import { useQuery } from '@tanstack/react-query';
import type { OrgListEntry } from '@/server/orgs/list-organizations';

export interface OrgList {
  orgs: OrgListEntry[];
  readAt: string;
}

export const orgListQueryKey = (includeDeleted: boolean) => ['org-list', includeDeleted] as const;

// Fast while any listed org is on its way somewhere; slowly otherwise, so that orgs created or
// deleted by someone else still show up without a reload.
const POLL_MS = { moving: 1_500, settled: 10_000 } as const;
const SETTLED = new Set(['ready', 'deleted']);

/** The organization list, polled from /api/orgs (scoped to the caller like the page). */
export function useOrgList(initial: OrgList, includeDeleted: boolean) {
  return useQuery({
    queryKey: orgListQueryKey(includeDeleted),
    queryFn: () => fetchOrgList(includeDeleted),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.readAt),
    refetchInterval: (query) =>
      query.state.data?.orgs.some((org) => !SETTLED.has(org.status))
        ? POLL_MS.moving
        : POLL_MS.settled,
  });
}

async function fetchOrgList(includeDeleted: boolean): Promise<OrgList> {
  const response = await fetch(`/api/orgs${includeDeleted ? '?deleted=include' : ''}`, {
    cache: 'no-store',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new Error(
      body?.error?.message ?? `The list could not be read (HTTP ${response.status}).`,
    );
  }
  return (await response.json()) as OrgList;
}
