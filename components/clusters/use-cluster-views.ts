'use client';

import { readFailure, useLiveData } from '@/components/live/use-live-data';
import type { ClusterDetailView, ClusterListView } from '@/server/clusters/cluster-view';
import { deliveryDue } from './delivery-due';

export const clusterListKey = (slug: string) => `clusters:${slug}`;
export const clusterDetailKey = (slug: string, name: string) => `cluster:${slug}:${name}`;

// Fast while a delivery is due or under way (a rollout takes seconds); slower once every cluster
// holds the org's current key, when only the platform's status reports still change things.
const POLL_MS = { delivering: 1_500, settled: 10_000 } as const;

export function useClusterList(initial: ClusterListView) {
  return useLiveData<ClusterListView | null>({
    key: clusterListKey(initial.slug),
    initial,
    read: () => readView<ClusterListView>(`/api/orgs/${encodeURIComponent(initial.slug)}/clusters`),
    every: (view) => {
      if (!view) return false;
      const due = view.clusters.some((c) => deliveryDue(c, view.orgKeyVersion));
      return due ? POLL_MS.delivering : POLL_MS.settled;
    },
  });
}

export function useClusterDetail(initial: ClusterDetailView) {
  const { slug } = initial;
  const { name } = initial.cluster;
  return useLiveData<ClusterDetailView | null>({
    key: clusterDetailKey(slug, name),
    initial,
    read: () =>
      readView<ClusterDetailView>(
        `/api/orgs/${encodeURIComponent(slug)}/clusters/${encodeURIComponent(name)}/status`,
      ),
    every: (view) => {
      if (!view) return false;
      return deliveryDue(view.cluster, view.orgKeyVersion) ? POLL_MS.delivering : POLL_MS.settled;
    },
  });
}

async function readView<T>(url: string): Promise<T | null> {
  const response = await fetch(url, { cache: 'no-store' });
  // Deleted (or the org gone): the live view has nothing left to show.
  if (response.status === 404) return null;
  if (!response.ok) throw await readFailure(response, 'The clusters');
  return (await response.json()) as T;
}
