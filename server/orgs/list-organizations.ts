// The organizations a person may see, newest first: members see their own, operators see all.
import { and, desc, inArray, ne } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Caller } from '../auth/caller';

// The rows as pages and components receive them (components never import db/).
export type { Organization };

/** `caller` undefined lists every organization (CLI, reconciler, tests). */
export async function listOrganizations(store: Store, caller?: Caller): Promise<Organization[]> {
  const { organizations } = store.t;
  const visible =
    caller && !caller.isPlatformOperator
      ? inArray(organizations.id, [...caller.memberships.keys()])
      : undefined;
  return store.db
    .select()
    .from(organizations)
    .where(and(ne(organizations.status, 'deleted'), visible))
    .orderBy(desc(organizations.createdAt), desc(organizations.slug));
}
