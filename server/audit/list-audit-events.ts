// One organization's audit trail, newest first. The caller has loaded the org through their
// membership and checked `audit.read`; this only reads.
import { desc, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { AuditEvent } from '@/db/rows';

// The rows as pages and components receive them (components never import db/).
export type { AuditEvent };

export async function listAuditEvents(
  store: Store,
  { orgId, limit = 50 }: { orgId: string; limit?: number },
): Promise<AuditEvent[]> {
  const t = store.t.auditEvents;
  return store.db
    .select()
    .from(t)
    .where(eq(t.orgId, orgId))
    .orderBy(desc(t.occurredAt))
    .limit(limit);
}
