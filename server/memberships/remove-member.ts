// Ends a person's membership of an organization. The caller is loaded from the database on every
// request, so the removed person loses access at once, their open sessions included.
import { and, eq } from 'drizzle-orm';
import type { MembershipSource } from '@/db/schema/enums';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import type { MembershipContext } from './invite-member';

export async function removeMember(
  { store, actor, org }: MembershipContext,
  userId: string,
): Promise<{ email: string; source: MembershipSource }> {
  // An admin removing themselves could leave the org with no one to manage it.
  if (actor.id === userId) {
    throw new DomainError(
      'conflict',
      `You cannot remove yourself from ${org.slug}. Ask another admin or a platform operator.`,
    );
  }
  const { memberships, users } = store.t;
  const [member] = await store.db
    .select({
      id: memberships.id,
      role: memberships.role,
      source: memberships.source,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, org.id)));
  if (!member) {
    throw new DomainError('not_found', `That person is not a member of ${org.slug}.`);
  }
  await store.transaction(async (tx) => {
    const removed = await tx.db
      .delete(tx.t.memberships)
      .where(eq(tx.t.memberships.id, member.id))
      .returning({ id: tx.t.memberships.id });
    // Removed by someone else a moment ago: their event is the one in the trail.
    if (removed.length === 0) return;
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'member.removed',
      target: member.email,
      outcome: 'success',
      detail: { role: member.role, source: member.source },
    });
  });
  return { email: member.email, source: member.source };
}
