'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { platformAction } from '@/app/_lib/org-action';
import { approveAllGcDecisions } from '@/server/gc/approve-all-gc-decisions';
import { approveGcDecision } from '@/server/gc/approve-gc-decision';
import { cancelGcDecision } from '@/server/gc/cancel-gc-decision';
import { forceNamedGcCollection } from '@/server/gc/force-named-gc-collection';
import { setGcMode } from '@/server/gc/set-gc-mode';
import { setGcPin } from '@/server/gc/set-gc-pin';
import { nudgeReconciler } from '@/server/provisioning/reconciler-loop';

// The collector's queue, for operators (gc.approve). Each domain verb checks the decision against
// the plan at this moment and audits in the same transaction; the page shows a refusal inline.
// Forms name the org `org` (the wrapper reserves `orgSlug` for org-scoped actions).

const org = z.string().trim().min(1, 'Say which organization.');

function changed(): void {
  revalidatePath('/gc');
  // The executor runs in the reconciler's pass: look for due work now instead of at the interval.
  nudgeReconciler();
}

export const approveGcDecisionAction = platformAction({
  permission: 'gc.approve',
  input: z.object({ org, decisionId: z.string().trim().min(1, 'Say which decision.') }),
  run: async ({ store, actor, input }) => {
    const row = await approveGcDecision(store, actor, {
      orgSlug: input.org,
      decisionId: input.decisionId,
    });
    changed();
    return { org: input.org, at: row.scheduledFor?.toISOString() ?? null };
  },
});

export const approveAllGcDecisionsAction = platformAction({
  permission: 'gc.approve',
  // The ids of the proposed decisions the page showed, comma-separated.
  input: z.object({
    decisionIds: z.string().transform((ids) =>
      ids
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  }),
  run: async ({ store, actor, input }) => {
    const outcomes = await approveAllGcDecisions(store, actor, input.decisionIds);
    changed();
    return outcomes;
  },
});

export const cancelGcDecisionAction = platformAction({
  permission: 'gc.approve',
  input: z.object({ org }),
  run: async ({ store, actor, input }) => {
    const cancelled = await cancelGcDecision(store, actor, { orgSlug: input.org });
    changed();
    return { org: input.org, cancelled };
  },
});

export const setGcPinAction = platformAction({
  permission: 'gc.approve',
  input: z.object({ org, pinned: z.enum(['true', 'false'], 'Say pin or unpin.') }),
  run: async ({ store, actor, input }) => {
    const result = await setGcPin(store, actor, {
      orgSlug: input.org,
      pinned: input.pinned === 'true',
    });
    changed();
    return { org: input.org, ...result };
  },
});

export const forceGcCollectionAction = platformAction({
  permission: 'gc.approve',
  input: z.object({ org, confirm: z.string().default('') }),
  run: async ({ store, actor, input }) => {
    await forceNamedGcCollection(store, actor, { orgSlug: input.org, confirm: input.confirm });
    changed();
    return { org: input.org };
  },
});

export const setGcModeAction = platformAction({
  permission: 'gc.approve',
  input: z.object({ mode: z.enum(['manual', 'automatic'], 'Choose manual or automatic.') }),
  run: async ({ store, actor, input }) => {
    const result = await setGcMode(store, actor, input.mode);
    changed();
    return { mode: input.mode, ...result };
  },
});
