// Turns the pending invitations for an email into memberships with the invited role. Called by
// record-sign-in.ts only for a platform IdP sign-in with a verified email: an org's IdP vouches
// for its own org alone, and could otherwise claim any address to join every org that invited it.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';

export async function acceptInvitations(
  store: Store,
  person: { userId: string; email: string },
): Promise<void> {
  const { invitations, memberships } = store.t;
  const email = person.email.toLowerCase();
  const pending = await store.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt)));
  const actor: Actor = { type: 'user', id: person.userId, label: person.email };
  for (const invitation of pending) {
    // Membership first, then the mark: a sign-in cut off in between finishes the work next time.
    // A person who is a member already (e.g. through the org's own IdP) keeps the role they have.
    await store.db
      .insert(memberships)
      .values({
        id: randomUUID(),
        userId: person.userId,
        orgId: invitation.orgId,
        role: invitation.role,
        source: 'invitation',
      })
      .onConflictDoNothing({ target: [memberships.userId, memberships.orgId] });
    const claimed = await store.db
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    // Two sign-ins at once both get here; only the one that marked it records the event.
    if (claimed.length === 0) continue;
    await recordAuditEvent(store, {
      actor,
      orgId: invitation.orgId,
      action: 'member.joined',
      target: person.email,
      outcome: 'success',
      detail: { role: invitation.role, via: 'invitation', invitedBy: invitation.invitedBy },
    });
  }
}
