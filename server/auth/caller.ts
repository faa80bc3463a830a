// The signed-in person behind a request, as the server sees them: loaded from the database on
// every request (not from the session token), and operator rights recomputed against the current
// configuration, so a changed role, a removed membership or a person taken off
// ZK_PLATFORM_OPERATOR_EMAILS/_GROUPS applies at once.
import { eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { MembershipRole } from '@/db/schema/enums';
import type { Actor } from './actor';
import { PLATFORM_IDENTITY_SCOPE } from './identity-scope';
import type { Role } from './permissions';
import { isNamedOperator, type OperatorSettings } from './role-from-claims';

export interface Caller {
  userId: string;
  email: string;
  name: string | null;
  isPlatformOperator: boolean;
  /** orgId -> role, for every organization the person is a member of. */
  memberships: ReadonlyMap<string, MembershipRole>;
}

/** Null when the user of a session no longer exists: the session then counts as signed out. */
export async function loadCaller(
  store: Store,
  userId: string,
  operators: OperatorSettings,
): Promise<Caller | null> {
  // Both at once: on PostgreSQL that is one round trip of waiting instead of two, on every request.
  const [[user], rows] = await Promise.all([
    store.db.select().from(store.t.users).where(eq(store.t.users.id, userId)),
    store.db
      .select({ orgId: store.t.memberships.orgId, role: store.t.memberships.role })
      .from(store.t.memberships)
      .where(eq(store.t.memberships.userId, userId)),
  ]);
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    // Only the platform IdP names operators; an org IdP's identity never is one.
    isPlatformOperator:
      user.identityScope === PLATFORM_IDENTITY_SCOPE &&
      isNamedOperator(
        {
          email: user.email,
          emailVerified: user.emailVerified !== null,
          groups: parseGroups(user.platformGroups),
        },
        operators,
      ),
    memberships: new Map(rows.map((r) => [r.orgId, r.role])),
  };
}

function parseGroups(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
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
