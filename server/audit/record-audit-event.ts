// The one way to append to the audit trail; every mutation calls it.
import { randomUUID } from 'node:crypto';
import type { Store } from '@/db/open-store';
import type { AuditOutcome } from '@/db/schema/enums';
import type { Actor } from '../auth/actor';
import type { AuditAction } from './audit-actions';

export interface AuditEventInput {
  actor: Actor;
  orgId: string | null;
  action: AuditAction;
  /** What was acted on, e.g. the org slug, a zone id, an IAM user name. */
  target: string;
  outcome: AuditOutcome;
  /** Context for a person reading the trail. Never a secret. */
  detail?: Record<string, unknown>;
}

export async function recordAuditEvent(store: Store, event: AuditEventInput): Promise<void> {
  await store.db.insert(store.t.auditEvents).values({
    id: randomUUID(),
    actorType: event.actor.type,
    actorId: event.actor.id ?? null,
    actorLabel: event.actor.label,
    orgId: event.orgId,
    action: event.action,
    target: event.target,
    outcome: event.outcome,
    detail: event.detail ?? null,
  });
}
