// Asks the reconciler to try an organization's failed steps again now instead of at their
// scheduled retry time.
import { eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';

export async function retryProvisioning(
  { store, actor }: { store: Store; actor: Actor },
  org: Organization,
): Promise<void> {
  await store.transaction(async (tx) => {
    const steps = tx.t.provisioningSteps;
    await tx.db.update(steps).set({ nextRetryAt: null }).where(eq(steps.orgId, org.id));
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'org.provisioning_retried',
      target: org.slug,
      outcome: 'success',
    });
  });
}
