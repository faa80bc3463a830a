// A deleted organization, for the platform operator who may still read its history. Anyone
// else gets null, the same as for a slug that never existed.
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Caller } from '../auth/caller';

export async function getDeletedOrganization(
  store: Store,
  caller: Caller,
  slug: string,
): Promise<Organization | null> {
  if (!caller.isPlatformOperator) return null;
  const t = store.t.organizations;
  const [org] = await store.db
    .select()
    .from(t)
    .where(and(eq(t.slug, slug), eq(t.status, 'deleted')));
  return org ?? null;
}
