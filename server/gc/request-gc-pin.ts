// An org admin asks the platform operators to pin the org's zone (never collected). Only an
// operator pins; the request is an audit event, which the collector's queue page lists until the
// org is pinned or unpinned after it.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';

export const MAX_PIN_REASON_LENGTH = 300;

export async function requestGcPin(
  store: Store,
  actor: Actor,
  org: Organization,
  reason: string,
): Promise<void> {
  if (org.gcPinned) {
    throw new DomainError(
      'conflict',
      `${org.slug} is pinned already: its zone is never collected.`,
    );
  }
  if (org.desiredState !== 'present') {
    throw new DomainError('conflict', `${org.slug} is being deleted: there is nothing to pin.`);
  }
  const why = reason.trim();
  if (why.length > MAX_PIN_REASON_LENGTH) {
    throw new DomainError('invalid_input', 'Check the highlighted fields.', {
      reason: [`Keep the reason to ${MAX_PIN_REASON_LENGTH} characters; it has ${why.length}.`],
    });
  }
  await recordAuditEvent(store, {
    actor,
    orgId: org.id,
    action: 'gc.pin_requested',
    target: org.slug,
    outcome: 'success',
    detail: why === '' ? undefined : { reason: why },
  });
}

export interface PinRequest {
  orgId: string;
  org: string;
  requestedBy: string;
  requestedAt: Date;
  reason: string | null;
}

/**
 * Requests not answered yet: the latest request of each unpinned org with no pin or unpin
 * after it (an operator's unpin after a request is the answer "no").
 */
export async function openPinRequests(store: Store, orgIds?: string[]): Promise<PinRequest[]> {
  const a = store.t.auditEvents;
  const o = store.t.organizations;
  const rows = await store.db
    .select({
      orgId: a.orgId,
      org: o.slug,
      pinned: o.gcPinned,
      desiredState: o.desiredState,
      action: a.action,
      actorLabel: a.actorLabel,
      occurredAt: a.occurredAt,
      detail: a.detail,
    })
    .from(a)
    .innerJoin(o, eq(o.id, a.orgId))
    .where(
      and(
        inArray(a.action, ['gc.pin_requested', 'gc.pinned', 'gc.unpinned']),
        orgIds === undefined ? undefined : inArray(a.orgId, orgIds),
      ),
    )
    .orderBy(desc(a.occurredAt));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.orgId!)) latest.set(row.orgId!, row);
  return [...latest.values()]
    .filter((r) => r.action === 'gc.pin_requested' && !r.pinned && r.desiredState === 'present')
    .map((r) => ({
      orgId: r.orgId!,
      org: r.org,
      requestedBy: r.actorLabel,
      requestedAt: r.occurredAt,
      reason: typeof r.detail?.reason === 'string' ? r.detail.reason : null,
    }))
    .sort((x, y) => x.org.localeCompare(y.org));
}
