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
  const t = store.t.iamCredentials;
  const [credential] = await store.db.select().from(t).where(eq(t.orgId, org.id));
  if (credential?.status === 'rotating') return;
  if (credential?.status !== 'ready') {
    throw new DomainError(
      'conflict',
      `${org.slug} has no verified key yet; wait until provisioning is done, then rotate.`,
    );
  }
  await store.db.update(t).set({ status: 'rotating' }).where(eq(t.orgId, org.id));
  const steps = store.t.provisioningSteps;
  await store.db
    .update(steps)
    .set({ status: 'pending', nextRetryAt: null, lastError: null })
    .where(and(eq(steps.orgId, org.id), eq(steps.step, 'access-key')));
  await store.db
    .update(store.t.organizations)
    .set({ status: 'provisioning' })
    .where(eq(store.t.organizations.id, org.id));
  await recordAuditEvent(store, {
    actor,
    orgId: org.id,
    action: 'access_key.rotation_requested',
    target: credential.accessKeyId ?? credential.iamUserName,
    outcome: 'success',
  });
}
