// A person's "Sync now": the org's zone listed into the store at once, and the request audited
// with what the sync found (or why it could not run).
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors/domain-error';
import { syncOrgRecords, type OrgSyncResult } from './sync-org-records';

export async function syncRecordsNow(context: {
  store: Store;
  actor: Actor;
  org: Pick<Organization, 'id' | 'slug'>;
}): Promise<OrgSyncResult> {
  const { store, actor, org } = context;
  const [result] = await syncOrgRecords(store, [org.id]);
  // No zone, nothing listed and nothing changed: a refusal, not an event.
  if (!result) {
    throw new DomainError(
      'conflict',
      `${org.slug} has no ready zone yet: its records can be synced once provisioning has created it.`,
    );
  }
  await recordAuditEvent(store, {
    actor,
    orgId: org.id,
    action: 'records.sync_requested',
    target: org.slug,
    outcome: result.error ? 'failure' : 'success',
    detail: {
      listed: result.listed,
      added: result.added,
      changed: result.changed,
      removed: result.removed,
      error: result.error,
    },
  });
  if (result.error) throw new DomainError('unavailable', result.error);
  return result;
}
