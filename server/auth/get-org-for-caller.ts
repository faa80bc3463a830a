// Loads an organization through the caller's membership. Another org's resource and a missing
// one answer the same (not found), so names cannot be probed; platform operators see every org.
import { and, eq, ne } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { DomainError } from '../errors/domain-error';
import { roleInOrg, type Caller } from './caller';
import { roleHas, type Permission, type Role } from './permissions';

export interface OrgAccess {
  org: Organization;
  /** The caller's role in this org ('platform-operator' for operators). */
  role: Role;
}

export async function getOrgForCaller(
  store: Store,
  caller: Caller,
  slug: string,
): Promise<OrgAccess | null> {
  const [org] = await store.db
    .select()
    .from(store.t.organizations)
    .where(and(eq(store.t.organizations.slug, slug), ne(store.t.organizations.status, 'deleted')));
  if (!org) return null;
  const role = roleInOrg(caller, org.id);
  return role ? { org, role } : null;
}

export async function getOrgForCallerOrThrow(
  store: Store,
  caller: Caller,
  slug: string,
): Promise<OrgAccess> {
  const access = await getOrgForCaller(store, caller, slug);
  if (!access) throw orgNotFound(slug);
  return access;
}

/** Throws forbidden when the role lacks the permission (the org itself is visible to them). */
export function assertPermission(role: Role, permission: Permission): void {
  if (!roleHas(role, permission)) {
    throw new DomainError(
      'forbidden',
      `Your role (${role}) does not allow this (${permission}). Ask an admin of the organization.`,
    );
  }
}

export function orgNotFound(slug: string): DomainError {
  return new DomainError('not_found', `There is no organization "${slug}" that you can see.`);
}
