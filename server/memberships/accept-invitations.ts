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
  const { invitations } = store.t;
  const email = person.email.toLowerCase();
  const pending = await store.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt)));
  const actor: Actor = { type: 'user', id: person.userId, label: person.email };
  for (const invitation of pending) {
    // The membership, the mark and the event together; a sign-in at the same moment that
    // marked it first makes this one a no-op. A person who is a member already (e.g. through the
    // org's own IdP) keeps the role they have.
    await store.transaction(async (tx) => {
      const claimed = await tx.db
        .update(tx.t.invitations)
        .set({ acceptedAt: new Date() })
        .where(and(eq(tx.t.invitations.id, invitation.id), isNull(tx.t.invitations.acceptedAt)))
        .returning({ id: tx.t.invitations.id });
      if (claimed.length === 0) return;
      await tx.db
        .insert(tx.t.memberships)
        .values({
          id: randomUUID(),
          userId: person.userId,
          orgId: invitation.orgId,
          role: invitation.role,
          source: 'invitation',
        })
        .onConflictDoNothing({ target: [tx.t.memberships.userId, tx.t.memberships.orgId] });
      await recordAuditEvent(tx, {
        actor,
        orgId: invitation.orgId,
        action: 'member.joined',
        target: person.email,
        outcome: 'success',
        detail: { role: invitation.role, via: 'invitation', invitedBy: invitation.invitedBy },
      });
    });
  }
}
