// Withdraws a pending invitation; one already accepted is a membership, removed with remove-member.ts.
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import type { MembershipContext } from './invite-member';

export async function revokeInvitation(
  { store, actor, org }: MembershipContext,
  invitationId: string,
): Promise<{ email: string }> {
  return store.transaction(async (tx) => {
    const { invitations } = tx.t;
    const [revoked] = await tx.db
      .delete(invitations)
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.orgId, org.id),
          isNull(invitations.acceptedAt),
        ),
      )
      .returning();
    if (!revoked) {
      throw new DomainError(
        'not_found',
        `There is no such pending invitation to ${org.slug}: it may have been accepted or revoked already.`,
      );
    }
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'member.invitation_revoked',
      target: revoked.email,
      outcome: 'success',
      detail: { role: revoked.role },
    });
    return { email: revoked.email };
  });
}
