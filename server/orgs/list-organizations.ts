// The organizations a person may see, newest first: members see their own, operators see all.
import { and, desc, inArray, ne } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { DesiredState, OrgStatus } from '@/db/schema/enums';
import type { Caller } from '../auth/caller';

// The rows as pages and components receive them (components never import db/).
export type { Organization };

export interface ListOptions {
  /** Also the deleted ones, whose history stays readable; only operators get them. */
  includeDeleted?: boolean;
}

/** `caller` undefined lists every organization (CLI, reconciler, tests). */
export async function listOrganizations(
  store: Store,
  caller?: Caller,
  { includeDeleted = false }: ListOptions = {},
): Promise<Organization[]> {
  const { organizations } = store.t;
  const visible =
    caller && !caller.isPlatformOperator
      ? inArray(organizations.id, [...caller.memberships.keys()])
      : undefined;
  const withDeleted = includeDeleted && (!caller || caller.isPlatformOperator);
  return store.db
    .select()
    .from(organizations)
    .where(and(withDeleted ? undefined : ne(organizations.status, 'deleted'), visible))
    .orderBy(desc(organizations.createdAt), desc(organizations.slug));
}

/** One row of the organization list, safe to send to a browser as JSON (dates as ISO text). */
export interface OrgListEntry {
  id: string;
  slug: string;
  displayName: string;
  status: OrgStatus;
  desiredState: DesiredState;
  createdAt: string;
  deletedAt: string | null;
}

export function toOrgListEntry(org: Organization): OrgListEntry {
  return {
    id: org.id,
    slug: org.slug,
    displayName: org.displayName,
    status: org.status,
    desiredState: org.desiredState,
    createdAt: org.createdAt.toISOString(),
    deletedAt: org.deletedAt?.toISOString() ?? null,
  };
}
