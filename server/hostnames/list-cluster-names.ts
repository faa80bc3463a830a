// The names a hostname page filters by: the org's clusters, deleted ones too (their records are
// the orphans), and for the platform-wide view the slugs of the orgs that have records.
import { and, asc, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';

export async function listClusterNames(store: Store, orgId: string): Promise<string[]> {
  const c = store.t.clusters;
  const rows = await store.db
    .select({ name: c.name })
    .from(c)
    .where(eq(c.orgId, orgId))
    .orderBy(asc(c.name));
  return rows.map((row) => row.name);
}

export async function findClusterByName(
  store: Store,
  orgId: string,
  name: string,
): Promise<{ id: string; name: string; status: string } | null> {
  const c = store.t.clusters;
  const rows = await store.db
    .select({ id: c.id, name: c.name, status: c.status, orgId: c.orgId })
    .from(c)
    .where(and(eq(c.orgId, orgId), eq(c.name, name)));
  // The tenant is compared on the row itself too, not only in the WHERE.
  const cluster = rows.find((row) => row.orgId === orgId);
  return cluster ? { id: cluster.id, name: cluster.name, status: cluster.status } : null;
}

export async function listOrgSlugs(store: Store): Promise<string[]> {
  const o = store.t.organizations;
  const rows = await store.db.select({ slug: o.slug }).from(o).orderBy(asc(o.slug));
  return rows.map((row) => row.slug);
}
