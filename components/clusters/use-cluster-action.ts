'use client';

import { useActionState } from 'react';
import { refreshLiveData } from '@/components/live/use-live-data';
import type { Result } from '@/server/errors/domain-error';
import { clusterDetailKey, clusterListKey } from './use-cluster-views';

export type ClusterFormAction<T> = (formData: FormData) => Promise<Result<T>>;

/** A cluster action's state for a form; after a success the live views are read again at once. */
export function useClusterAction<T>(action: ClusterFormAction<T>, slug: string, name: string) {
  return useActionState<Result<T> | null, FormData>(async (_previous, formData) => {
    const result = await action(formData);
    if (result.ok) {
      await Promise.all([
        refreshLiveData(clusterDetailKey(slug, name)),
        refreshLiveData(clusterListKey(slug)),
      ]);
    }
    return result;
  }, null);
}
