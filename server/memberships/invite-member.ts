// Invites a person into an organization by email, with the role they will hold. Nothing more
// happens until they sign in through the platform IdP with that email (accept-invitations.ts).
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import type { Invitation, Organization } from '@/db/rows';
import { MEMBERSHIP_ROLES } from '@/db/schema/enums';
import { isUniqueViolation } from '@/db/unique-violation';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { fieldErrorsOf } from '../errors/field-errors';
import { MAX_EMAIL_LENGTH } from './invitation-limits';

export const inviteMemberInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter the email address of the person to invite.')
    .max(MAX_EMAIL_LENGTH, {
      error: (issue) =>
        `An email address is at most ${MAX_EMAIL_LENGTH} characters; this one has ${String(issue.input).length}.`,
    })
    .pipe(z.email('Enter a valid email address, e.g. ivy@example.com.')),
  role: z.enum(MEMBERSHIP_ROLES, 'Choose a role: admin or viewer.'),
});

export interface MembershipContext {
  store: Store;
  actor: Actor;
  org: Organization;
}

/** Form values as they come, unchecked: the schema above says what is wrong with them. */
export async function inviteMember(
  { store, actor, org }: MembershipContext,
  rawInput: { email: string; role: string },
): Promise<Invitation> {
  const parsed = inviteMemberInput.safeParse(rawInput);
  if (!parsed.success) {
    throw new DomainError(
      'invalid_input',
      'Check the highlighted fields.',
      fieldErrorsOf(parsed.error),
    );
  }
  const { email, role } = parsed.data;
  try {
    // The checks, the replaced record, the invitation and its event as one unit: a failure
    // half-way must not lose the earlier record without the new one.
    return await store.transaction(async (tx) => {
      const { invitations, memberships, users } = tx.t;
      const member = await tx.db
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, org.id), eq(sql`lower(${users.email})`, email)));
      if (member.length > 0) {
        throw emailRefused(`${email} is already a member of ${org.slug}.`);
      }
      const [earlier] = await tx.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.orgId, org.id), eq(invitations.email, email)));
      if (earlier && !earlier.acceptedAt) throw alreadyInvited(email, org.slug);
      // Accepted once, but no longer a member (removed since): the new invitation replaces that
      // record.
      if (earlier) await tx.db.delete(invitations).where(eq(invitations.id, earlier.id));
      const [invitation] = await tx.db
        .insert(invitations)
        .values({ id: randomUUID(), orgId: org.id, email, role, invitedBy: actor.id ?? null })
        .returning();
      if (!invitation) throw new Error('insert returned no row');
      await recordAuditEvent(tx, {
        actor,
        orgId: org.id,
        action: 'member.invited',
        target: email,
        outcome: 'success',
        detail: { role },
      });
      return invitation;
    });
  } catch (error) {
    // Two admins inviting the same person at once: the unique index decides.
    if (isUniqueViolation(error)) throw alreadyInvited(email, org.slug);
    throw error;
  }
}

function alreadyInvited(email: string, slug: string): DomainError {
  return emailRefused(
    `${email} is already invited to ${slug}. Revoke that invitation first to invite them again, e.g. with another role.`,
  );
}

function emailRefused(message: string): DomainError {
  return new DomainError('conflict', 'Check the highlighted fields.', { email: [message] });
}
