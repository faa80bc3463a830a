// Brings one organization to its desired state: every provisioning step in order when it should
// exist, every teardown step when it should not. Steps already ready are skipped. The lease is
// confirmed before the first write and before each step; once it is lost this throws LeaseLost.
import { eq } from 'drizzle-orm';
import type { Organization } from '@/db/rows';
import type { OrgStatus } from '@/db/schema/enums';
import { orgWork, type OrgWork, type ProvisioningContext } from './provisioning-context';
import { runStep, StepFailed, stepsOf } from './step-state';
import { ensureAccessKey } from './steps/ensure-access-key';
import { ensureDelegation } from './steps/ensure-delegation';
import { ensurePolicy } from './steps/ensure-policy';
import { ensureUser } from './steps/ensure-user';
import { ensureZone } from './steps/ensure-zone';
import { TEARDOWN_STEPS, finishTeardown } from './teardown-steps';

export const PROVISIONING_STEPS = [
  { step: 'zone', run: ensureZone },
  { step: 'delegation', run: ensureDelegation },
  { step: 'policy', run: ensurePolicy },
  { step: 'user', run: ensureUser },
  { step: 'access-key', run: ensureAccessKey },
] as const;

export type ReconcileOutcome = 'ready' | 'deleted' | 'failed';

export async function provisionOrganization(
  ctx: ProvisioningContext,
  org: Organization,
): Promise<{ outcome: ReconcileOutcome; error?: string }> {
  const work = orgWork(ctx, org);
  // Before each write: a replica that lost the lease must leave the org to the new leader.
  await ctx.lease?.confirm();
  const deleting = org.desiredState === 'absent';
  const plan: readonly { step: string; run: (work: OrgWork) => Promise<void> }[] = deleting
    ? TEARDOWN_STEPS
    : PROVISIONING_STEPS;
  await setOrgStatus(work, deleting ? 'deleting' : 'provisioning', null);
  const done = await stepsOf(work);
  try {
    for (const { step, run } of plan) {
      if (done.get(step)?.status === 'ready') continue;
      await ctx.lease?.confirm();
      await runStep(work, step, () => run(work));
    }
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    const message = `Step "${error.step}" failed: ${error.message}`;
    await setOrgStatus(work, 'failed', message);
    return { outcome: 'failed', error: message };
  }
  if (deleting) {
    await finishTeardown(work);
    return { outcome: 'deleted' };
  }
  await setOrgStatus(work, 'ready', null);
  return { outcome: 'ready' };
}

async function setOrgStatus(work: OrgWork, status: OrgStatus, lastError: string | null) {
  const t = work.ctx.store.t.organizations;
  await work.ctx.store.db.update(t).set({ status, lastError }).where(eq(t.id, work.org.id));
}
