// A platform operator asks for an organization to be deleted: desired state becomes "absent" and
// the reconciler tears down its zone and identity. Nothing in AWS is touched here.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';

export const deleteOrganizationInput = z.object({
  slug: z.string().trim().min(1, 'Name the organization by its slug.'),
  // The slug typed again: deleting a zone is not undone by a click.
  confirm: z.string().trim(),
});

export async function requestOrganizationDeletion(
  { store, actor }: { store: Store; actor: Actor },
  rawInput: z.input<typeof deleteOrganizationInput>,
): Promise<Organization> {
  const input = deleteOrganizationInput.parse(rawInput);
  if (input.confirm !== input.slug) {
    throw new DomainError('invalid_input', 'Type the slug again to confirm the deletion.', {
      confirm: [`Type "${input.slug}" to confirm.`],
    });
  }
  const t = store.t.organizations;
  const [org] = await store.db.select().from(t).where(eq(t.slug, input.slug));
  if (!org) throw new DomainError('not_found', `No organization has the slug "${input.slug}".`);
  if (org.desiredState === 'absent') return org;
  return store.transaction(async (tx) => {
    const [updated] = await tx.db
      .update(t)
      .set({ desiredState: 'absent', status: 'deleting', lastError: null })
      .where(and(eq(t.id, org.id), eq(t.desiredState, 'present')))
      .returning();
    // Another request asked first: its event is the one in the trail.
    if (!updated) return org;
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'org.deletion_requested',
      target: org.slug,
      outcome: 'success',
    });
    return updated;
  });
}
