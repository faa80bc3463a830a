// An organization's members (with how they joined) and its pending invitations. The caller has
// loaded the org through their membership; the page decides who sees the invitations.
import { asc, and, desc, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { MembershipRole, MembershipSource } from '@/db/schema/enums';

export interface Member {
  userId: string;
  name: string | null;
  email: string;
  role: MembershipRole;
  source: MembershipSource;
  joinedAt: Date;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: MembershipRole;
  /** The inviter's email; null once their user is gone. */
  invitedBy: string | null;
  createdAt: Date;
}

export async function listMembers(
  store: Store,
  orgId: string,
): Promise<{ members: Member[]; invitations: PendingInvitation[] }> {
  const { invitations, memberships, users } = store.t;
  const [members, pending] = await Promise.all([
    store.db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: memberships.role,
        source: memberships.source,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId))
      .orderBy(asc(users.email)),
    store.db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        invitedBy: users.email,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt)))
      .orderBy(desc(invitations.createdAt), asc(invitations.email)),
  ]);
  return { members, invitations: pending };
}
