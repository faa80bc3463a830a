// The executor's work on one claimed decision: a last re-check of the org's pin and clusters,
// then the zone's teardown as docs/design.md orders it — the parent delegation first, then every
// non-apex record, then the zone — and the zone recorded deleted. The org and its IAM identity
// stay. Every step is idempotent, so a decision left executing by a crash is simply run again.
import { and, eq } from 'drizzle-orm';
import type { GcDecision as GcDecisionRow } from '@/db/rows';
import { recordAuditEvent } from '../audit/record-audit-event';
import { crashPoint } from '../provisioning/crash-point';
import { LeaseLost } from '../provisioning/lease-guard';
import { orgWork, type ProvisioningContext } from '../provisioning/provisioning-context';
import { formatStepError, toStepError } from '../provisioning/step-error';
import {
  removeDelegation,
  removeHostedZone,
  removeZoneRecords,
} from '../provisioning/teardown-steps';
import { collectionRefusal } from './org-collection-state';

export type CollectionOutcome =
  | { outcome: 'collected'; alreadyGone: boolean }
  | { outcome: 'cancelled'; reason: string }
  | { outcome: 'failed'; error: string };

export async function collectZone(
  ctx: ProvisioningContext,
  decision: GcDecisionRow,
  resumed: boolean,
): Promise<CollectionOutcome> {
  const { store } = ctx;
  const { organizations: o, hostedZones: z, gcDecisions: d } = store.t;
  const [org] = await store.db.select().from(o).where(eq(o.id, decision.orgId));
  const [zone] = await store.db.select().from(z).where(eq(z.id, decision.hostedZoneId));
  const refusal = org ? await collectionRefusal(store, org) : 'The organization is gone.';
  if (refusal || !org || !zone?.awsZoneId) {
    const reason = `Cancelled just before teardown: ${refusal ?? 'the zone was never created.'}`;
    await store.transaction(async (tx) => {
      await tx.db.update(d).set({ status: 'cancelled', reason }).where(eq(d.id, decision.id));
      if (resumed && org) {
        // A crash may have left the delegation removed: have the reconciler put it back.
        const s = tx.t.provisioningSteps;
        await tx.db
          .update(s)
          .set({ status: 'pending' })
          .where(and(eq(s.orgId, org.id), eq(s.step, 'delegation')));
        await tx.db.update(tx.t.organizations).set({ status: 'pending' }).where(eq(o.id, org.id));
      }
      await recordAuditEvent(tx, {
        actor: ctx.actor,
        orgId: decision.orgId,
        action: 'gc.decision_cancelled',
        target: zone?.awsZoneId ?? decision.hostedZoneId,
        outcome: 'success',
        detail: { decisionId: decision.id, reason },
      });
    });
    return { outcome: 'cancelled', reason };
  }
  const work = orgWork(ctx, org);
  const zoneId = zone.awsZoneId;
  try {
    await ctx.lease?.confirm();
    await removeDelegation(work, zone.nameServers);
    await store.db.update(z).set({ delegationState: 'missing' }).where(eq(z.id, zone.id));
    crashPoint('gc:delegation-removed');
    await ctx.lease?.confirm();
    await removeZoneRecords(work, zoneId, `zone of ${org.slug} collected`);
    await ctx.lease?.confirm();
    const alreadyGone = !(await removeHostedZone(work, zoneId));
    await store.transaction(async (tx) => {
      const now = new Date();
      await tx.db
        .update(z)
        .set({ status: 'deleted', deletedAt: zone.deletedAt ?? now, delegationState: 'missing' })
        .where(eq(z.id, zone.id));
      await tx.db
        .update(d)
        .set({ status: 'done', executedAt: now, lastError: null })
        .where(eq(d.id, decision.id));
      await recordAuditEvent(tx, {
        actor: ctx.actor,
        orgId: org.id,
        action: 'gc.zone_collected',
        target: zoneId,
        outcome: 'success',
        detail: { decisionId: decision.id, action: decision.action, alreadyGone },
      });
    });
    return { outcome: 'collected', alreadyGone };
  } catch (error) {
    if (error instanceof LeaseLost) throw error;
    const message = formatStepError(toStepError(error));
    await store.transaction(async (tx) => {
      await tx.db
        .update(d)
        .set({ status: 'failed', lastError: message })
        .where(eq(d.id, decision.id));
      await recordAuditEvent(tx, {
        actor: ctx.actor,
        orgId: org.id,
        action: 'gc.collection_failed',
        target: zoneId,
        outcome: 'failure',
        detail: { decisionId: decision.id, error: message },
      });
    });
    return { outcome: 'failed', error: message };
  }
}
