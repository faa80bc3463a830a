// Records each step's progress (pending -> provisioning -> ready | failed, attempts, last error,
// next retry time) so a page, the CLI and the next pass can see where an organization stands.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { ProvisioningStep } from '@/db/rows';
import { recordAuditEvent } from '../audit/record-audit-event';
import { logger } from '../log/logger';
import { crashPoint } from './crash-point';
import { LeaseLost } from './lease-guard';
import { formatStepError, stepErrorColumns, toStepError } from './step-error';
import type { OrgWork } from './provisioning-context';

export class StepFailed extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(message);
    this.name = 'StepFailed';
  }
}

export async function stepsOf(work: OrgWork): Promise<Map<string, ProvisioningStep>> {
  const { store } = work.ctx;
  const rows = await store.db
    .select()
    .from(store.t.provisioningSteps)
    .where(eq(store.t.provisioningSteps.orgId, work.org.id));
  return new Map(rows.map((row) => [row.step, row]));
}

/** Runs one step and records its outcome; a failure is recorded, audited and thrown as StepFailed. */
export async function runStep(
  work: OrgWork,
  step: string,
  body: () => Promise<void>,
): Promise<void> {
  const { store } = work.ctx;
  const t = store.t.provisioningSteps;
  const now = new Date();
  const [row] = await store.db
    .insert(t)
    .values({
      id: randomUUID(),
      orgId: work.org.id,
      step,
      status: 'provisioning',
      attempts: 1,
      startedAt: now,
    })
    .onConflictDoUpdate({
      target: [t.orgId, t.step],
      set: { status: 'provisioning', attempts: sql`${t.attempts} + 1`, startedAt: now },
    })
    .returning();
  try {
    await body();
  } catch (error) {
    // Not a failure of the step: this replica stopped leading, and the leader will redo it.
    if (error instanceof LeaseLost) throw error;
    const stepError = toStepError(error);
    const message = formatStepError(stepError);
    const attempts = row?.attempts ?? 1;
    // The failure and its audit event together: a step marked failed with no event (or the
    // reverse) would leave the trail and the page disagreeing.
    await store.transaction(async (tx) => {
      await tx.db
        .update(t)
        .set({
          status: 'failed',
          ...stepErrorColumns(stepError),
          nextRetryAt: new Date(Date.now() + retryDelayMs(attempts)),
        })
        .where(and(eq(t.orgId, work.org.id), eq(t.step, step)));
      await recordAuditEvent(tx, {
        actor: work.ctx.actor,
        orgId: work.org.id,
        action: 'provisioning.step_failed',
        target: `${work.org.slug}:${step}`,
        outcome: 'failure',
        detail: { step, error: message, errorClass: stepError.errorClass, attempts },
      });
    });
    // The operator's side: which step of which org failed, and how the adapter classified it.
    logger.warn('provisioning step failed', {
      org: work.org.slug,
      step,
      service: stepError.service,
      code: stepError.code,
      errorClass: stepError.errorClass,
      attempts,
    });
    throw new StepFailed(step, message);
  }
  await store.db
    .update(t)
    .set({ status: 'ready', ...stepErrorColumns(null), nextRetryAt: null, finishedAt: new Date() })
    .where(and(eq(t.orgId, work.org.id), eq(t.step, step)));
  crashPoint(`after:${step}`);
}

/** 5 s, 10 s, 20 s … up to 5 minutes between attempts of a failing step. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
