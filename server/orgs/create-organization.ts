// Records a new organization as desired state; provisioning its zone and identity comes later.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { isUniqueViolation } from '@/db/unique-violation';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { fieldErrorsOf } from '../errors/field-errors';
import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_DOMAIN_NAME_LENGTH,
  MAX_LABEL_LENGTH,
  explainSlugProblem,
  slugFromDisplayName,
  zoneNameFor,
} from './org-slug';

export const createOrganizationInput = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter a display name, e.g. "Acme Corp".')
    .max(MAX_DISPLAY_NAME_LENGTH, {
      error: (issue) =>
        `A display name is at most ${MAX_DISPLAY_NAME_LENGTH} characters; this one has ${String(issue.input).length}. Shorten it.`,
    }),
  // Empty means "derive it from the display name". explainSlugProblem says what is wrong with
  // any length up to this bound, which only keeps absurd input from being worked on at all.
  slug: z
    .string()
    .trim()
    .max(MAX_DOMAIN_NAME_LENGTH, {
      error: (issue) =>
        `A slug is at most ${MAX_LABEL_LENGTH} characters (one DNS label); this one has ${String(issue.input).length}. Shorten it.`,
    })
    .optional()
    .default(''),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

export interface CreateOrganizationContext {
  store: Store;
  actor: Actor;
  baseDomain: string;
}

export async function createOrganization(
  { store, actor, baseDomain }: CreateOrganizationContext,
  rawInput: CreateOrganizationInput,
): Promise<Organization> {
  const parsed = createOrganizationInput.safeParse(rawInput);
  if (!parsed.success) {
    throw new DomainError(
      'invalid_input',
      'Check the highlighted fields.',
      fieldErrorsOf(parsed.error),
    );
  }
  const { displayName } = parsed.data;
  const derived = parsed.data.slug === '';
  const slug = derived ? slugFromDisplayName(displayName) : parsed.data.slug;

  const problem = explainSlugProblem(slug, baseDomain);
  if (problem) {
    const message = derived
      ? `"${displayName}" does not make a valid slug by itself. ${problem} Or type a slug.`
      : problem;
    throw new DomainError('invalid_input', 'Check the highlighted fields.', {
      [derived ? 'displayName' : 'slug']: [message],
    });
  }

  const [taken] = await store.db
    .select()
    .from(store.t.organizations)
    .where(eq(store.t.organizations.slug, slug));
  if (taken) throw duplicateSlug(slug, taken);

  try {
    // The organization and its audit event together: no org the trail does not account for.
    return await store.transaction(async (tx) => {
      const [created] = await tx.db
        .insert(tx.t.organizations)
        .values({ id: randomUUID(), slug, displayName })
        .returning();
      if (!created) throw new Error('insert returned no row');
      await recordAuditEvent(tx, {
        actor,
        orgId: created.id,
        action: 'org.created',
        target: slug,
        outcome: 'success',
        detail: { displayName, zoneName: zoneNameFor(slug, baseDomain) },
      });
      return created;
    });
  } catch (error) {
    // Two requests for the same slug at once: the unique index decides.
    if (isUniqueViolation(error)) throw duplicateSlug(slug);
    throw error;
  }
}

// A deleted org keeps its slug for good: its page and audit trail stay reachable under it.
function duplicateSlug(slug: string, owner?: Organization): DomainError {
  const kept =
    'A deleted organization keeps its slug, so that its history stays reachable under it.';
  let message = `The slug "${slug}" is already taken by another organization. Choose another one.`;
  if (owner?.desiredState === 'absent' && owner.deletedAt) {
    const when = `${owner.deletedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    message = `The slug "${slug}" belonged to ${owner.displayName}, deleted ${when}. ${kept} Choose another one.`;
  } else if (owner?.desiredState === 'absent') {
    message = `The slug "${slug}" belongs to ${owner.displayName}, which is being deleted. ${kept} Choose another one.`;
  }
  return new DomainError('conflict', 'Check the highlighted fields.', { slug: [message] });
}
