// An org admin or operator asks for a new access key: the credential is marked "rotating" and the
// reconciler makes, stores and verifies the new key before it deletes the old one.
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';

export async function requestKeyRotation(
  { store, actor }: { store: Store; actor: Actor },
  org: Organization,
): Promise<void> {
  if (org.desiredState !== 'present') {
    throw new DomainError('conflict', `${org.slug} is being deleted; its key is not rotated.`);
  }
  // All of it or none: a key left "rotating" while the org and step say "ready" is never picked
  // up by the reconciler, and asking again would return early.
  await store.transaction(async (tx) => {
    const t = tx.t.iamCredentials;
    const [credential] = await tx.db.select().from(t).where(eq(t.orgId, org.id));
    if (credential?.status === 'rotating') return;
    if (credential?.retiringAccessKeyId) {
      // The user holds the new key and the old one: IAM allows no third.
      throw new DomainError(
        'conflict',
        `${org.slug}'s previous rotation still waits for clusters to take the new key (the org page names them); ` +
          `rotate again once its old key is deleted, or have an operator force it out ("zk rotate-key --org ${org.slug} --force-retire").`,
      );
    }
    if (credential?.status !== 'ready') {
      throw new DomainError(
        'conflict',
        `${org.slug} has no verified key yet; wait until provisioning is done, then rotate.`,
      );
    }
    // Guarded by the status read above, so two requests at once start one rotation.
    const claimed = await tx.db
      .update(t)
      .set({ status: 'rotating' })
      .where(and(eq(t.orgId, org.id), eq(t.status, 'ready')))
      .returning({ orgId: t.orgId });
    if (claimed.length === 0) return;
    const steps = tx.t.provisioningSteps;
    await tx.db
      .update(steps)
      .set({ status: 'pending', nextRetryAt: null, lastError: null })
      .where(and(eq(steps.orgId, org.id), eq(steps.step, 'access-key')));
    await tx.db
      .update(tx.t.organizations)
      .set({ status: 'provisioning' })
      .where(eq(tx.t.organizations.id, org.id));
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'access_key.rotation_requested',
      target: credential.accessKeyId ?? credential.iamUserName,
      outcome: 'success',
    });
  });
}
