// The rotation gate: a rotated-out key is deleted only once every connected, live cluster of the
// org holds the new key (its Secret applied and ExternalDNS rolled out with it). A cluster that
// cannot be reached, or whose rollout is stuck, holds the old key in place; it is tried again at
// its retry time, and the org page names it. Crash-safe: the credential keeps the old key's id
// until it is gone, the delivery records per cluster which key version it holds, and deleting a
// key that is already gone is a no-op, so a restart finishes exactly what was left.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { IamCredential, Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import type { AuditAction } from '../audit/audit-actions';
import { recordAuditEvent } from '../audit/record-audit-event';
import { deleteAccessKey } from '../cloud/iam';
import { deliverExternalDns, type DeliveryContext } from '../clusters/deliver-externaldns';
import { logger } from '../log/logger';
import { crashPoint } from '../provisioning/crash-point';
import type { LeaseGuard } from '../provisioning/lease-guard';
import {
  blockersAmong,
  credentialOf,
  liveClustersOf,
  type RotationBlocker,
} from './rotation-blockers';

export interface RetirementResult {
  slug: string;
  /** The key deleted in this pass, or null while clusters (or the access-key step) hold it. */
  retired: string | null;
  blockers: RotationBlocker[];
}

/**
 * One pass over every org with a rotated-out key (or only `slugs`). `contextFor` is called only
 * when there is one, so a pass without rotations costs one query.
 */
export async function retireRotatedKeys(
  store: Store,
  contextFor: () => DeliveryContext,
  options: { lease?: LeaseGuard; slugs?: string[]; now?: Date } = {},
): Promise<RetirementResult[]> {
  const t = store.t.iamCredentials;
  const o = store.t.organizations;
  const retiring = and(isNotNull(t.retiringAccessKeyId), eq(o.desiredState, 'present'));
  const orgs = await store.db
    .select({ org: o })
    .from(t)
    .innerJoin(o, eq(o.id, t.orgId))
    .where(options.slugs ? and(retiring, inArray(o.slug, options.slugs)) : retiring);
  if (orgs.length === 0) return [];
  const ctx = contextFor();
  const results: RetirementResult[] = [];
  for (const { org } of orgs) {
    if (options.lease?.signal.aborted) break;
    const result = await advanceRetirement(ctx, org, options);
    if (result) results.push(result);
  }
  return results;
}

async function advanceRetirement(
  ctx: DeliveryContext,
  org: Organization,
  { lease, now = new Date() }: { lease?: LeaseGuard; now?: Date },
): Promise<RetirementResult | null> {
  const credential = await credentialOf(ctx.store, org);
  if (!credential?.retiringAccessKeyId) return null;
  const clusters = await liveClustersOf(ctx.store, org);
  // Until the new key is verified, the old one is the org's only working key.
  if (credential.status !== 'ready') {
    return { slug: org.slug, retired: null, blockers: blockersAmong(clusters, credential) };
  }
  const due = new Set(
    blockersAmong(clusters, credential)
      .filter((b) => !b.nextRetryAt || b.nextRetryAt <= now)
      .map((b) => b.cluster),
  );
  for (const cluster of clusters.filter((c) => due.has(c.name))) {
    if (lease?.signal.aborted) break;
    try {
      // Records the outcome on the cluster row: the key version it holds, or why it failed.
      await deliverExternalDns(ctx, org, cluster);
    } catch (error) {
      logger.error('rolling the new key out failed before reaching the cluster', {
        org: org.slug,
        cluster: cluster.name,
        error,
      });
    }
  }
  const blockers = blockersAmong(await liveClustersOf(ctx.store, org), credential);
  if (blockers.length > 0) return { slug: org.slug, retired: null, blockers };
  await lease?.confirm();
  crashPoint('rotation:before-retire');
  await deleteRetiringKey(ctx.store, ctx.actor, org, credential, {
    action: 'access_key.deleted',
    detail: { reason: 'rotated out: every connected cluster holds the new key' },
  });
  return { slug: org.slug, retired: credential.retiringAccessKeyId, blockers: [] };
}

/**
 * Deletes the credential's retiring key in IAM, then clears it with one audit event. The clear is
 * guarded by the key id, so two callers at once (the gate and an operator's force) record it once.
 */
export async function deleteRetiringKey(
  store: Store,
  actor: Actor,
  org: Organization,
  credential: IamCredential,
  audit: { action: AuditAction; detail: Record<string, unknown> },
): Promise<void> {
  const keyId = credential.retiringAccessKeyId;
  if (!keyId) return;
  // False when it is gone already (a crash after the deletion, or deleted by hand).
  const deleted = await deleteAccessKey(credential.iamUserName, keyId);
  crashPoint('rotation:old-key-deleted');
  await store.transaction(async (tx) => {
    const t = tx.t.iamCredentials;
    const cleared = await tx.db
      .update(t)
      .set({ retiringAccessKeyId: null })
      .where(and(eq(t.orgId, org.id), eq(t.retiringAccessKeyId, keyId)))
      .returning({ orgId: t.orgId });
    if (cleared.length === 0) return;
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: audit.action,
      target: keyId,
      outcome: 'success',
      detail: { ...audit.detail, ...(deleted ? {} : { alreadyGone: true }) },
    });
  });
}
