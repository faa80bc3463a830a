// The organizations a page lists, newest first.
import { desc, ne } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';

export async function listOrganizations(store: Store): Promise<Organization[]> {
  return store.db
    .select()
    .from(store.t.organizations)
    .where(ne(store.t.organizations.status, 'deleted'))
    .orderBy(desc(store.t.organizations.createdAt), desc(store.t.organizations.slug));
}
