'use client';

import { readJson, useLiveData } from '@/components/live/use-live-data';
import type { OrgListEntry } from '@/server/orgs/list-organizations';

export interface OrgList {
  orgs: OrgListEntry[];
  readAt: string;
}

/** Every shown org list (with or without deleted orgs) is read again under this key. */
export const ORG_LIST_KEY = 'org-list';

// Fast while any listed org is on its way somewhere; slowly otherwise, so that orgs created or
// deleted by someone else still show up without a reload.
const POLL_MS = { moving: 1_500, settled: 10_000 } as const;
const SETTLED = new Set(['ready', 'deleted']);

/** The organization list, polled from /api/orgs (scoped to the caller like the page). */
export function useOrgList(initial: OrgList, includeDeleted: boolean) {
  return useLiveData({
    key: ORG_LIST_KEY,
    initial,
    read: () =>
      readJson<OrgList>(`/api/orgs${includeDeleted ? '?deleted=include' : ''}`, 'The list'),
    every: (list) =>
      list.orgs.some((org) => !SETTLED.has(org.status)) ? POLL_MS.moving : POLL_MS.settled,
  });
}
