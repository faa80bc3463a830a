'use client';

import { useActionState } from 'react';
import type { Result } from '@/server/errors/domain-error';
import { refreshLiveData } from '@/components/live/use-live-data';
import { orgStatusKey } from './use-org-status';

export type OrgFormAction = (previous: unknown, formData: FormData) => Promise<Result<unknown>>;
export type OrgActionControl = ReturnType<typeof useOrgAction>;

/**
 * An org action's state for a form. After a success the live status is read again at once, so
 * the change it asked for (a rotation, a retry) shows without waiting for the next poll. Held by
 * a component that stays mounted while the control itself comes and goes with the org's state.
 */
export function useOrgAction(action: OrgFormAction, slug: string) {
  return useActionState<Result<unknown> | null, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.ok) await refreshLiveData(orgStatusKey(slug));
    return result;
  }, null);
}
