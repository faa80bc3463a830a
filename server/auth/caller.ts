// The signed-in person behind a request, as the server sees them: loaded from the database on
// every request (not from the session token), so a changed role or removed membership applies
// at once.
import { eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { MembershipRole } from '@/db/schema/enums';
import type { Actor } from './actor';
import type { Role } from './permissions';

export interface Caller {
  userId: string;
  email: string;
  name: string | null;
  isPlatformOperator: boolean;
  /** orgId -> role, for every organization the person is a member of. */
  memberships: ReadonlyMap<string, MembershipRole>;
}

/** Null when the user of a session no longer exists: the session then counts as signed out. */
export async function loadCaller(store: Store, userId: string): Promise<Caller | null> {
  const [user] = await store.db.select().from(store.t.users).where(eq(store.t.users.id, userId));
  if (!user) return null;
  const rows = await store.db
    .select({ orgId: store.t.memberships.orgId, role: store.t.memberships.role })
    .from(store.t.memberships)
    .where(eq(store.t.memberships.userId, userId));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isPlatformOperator: user.isPlatformOperator,
    memberships: new Map(rows.map((r) => [r.orgId, r.role])),
  };
}

/** The caller's role in one organization, or null when they have none there. */
export function roleInOrg(caller: Caller, orgId: string): Role | null {
  if (caller.isPlatformOperator) return 'platform-operator';
  return caller.memberships.get(orgId) ?? null;
}

export function actorOf(caller: Caller): Actor {
  return { type: 'user', id: caller.userId, label: caller.email };
}

/** The role that decides platform-wide permissions (those with no org to look at). */
export function platformRoleOf(caller: Caller): Role {
  return caller.isPlatformOperator ? 'platform-operator' : 'viewer';
}
