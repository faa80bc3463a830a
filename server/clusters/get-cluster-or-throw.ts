// Loads a live cluster of an organization by name; the org in the WHERE, so another org's cluster
// answers exactly like a missing one.
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster, Organization } from '@/db/rows';
import { DomainError } from '../errors/domain-error';

export async function getClusterOrThrow(
  store: Store,
  { org, name }: { org: Organization; name: string },
): Promise<Cluster> {
  const c = store.t.clusters;
  const [cluster] = await store.db
    .select()
    .from(c)
    .where(and(eq(c.orgId, org.id), eq(c.name, name), isNull(c.deletedAt)));
  if (!cluster) throw new DomainError('not_found', `${org.slug} has no cluster named "${name}".`);
  return cluster;
}
