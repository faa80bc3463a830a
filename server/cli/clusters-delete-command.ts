// `zk clusters delete --org <slug> --name <name> --yes`: marks the cluster deleted (its UID is
// never reused) and says what the reconciler's removal pass does next.
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { deleteCluster } from '../clusters/delete-cluster';

export async function clustersDeleteCommand(
  ctx: { store: Store; actor: Actor },
  org: Organization,
  name: string,
): Promise<void> {
  const work = await deleteCluster({ ...ctx, org }, { name });
  console.log(
    `Deleted cluster ${name} of ${org.slug}. The reconciler (its loop, or "zk reconcile") does the rest:`,
  );
  for (const step of work.steps) console.log(`  - ${step}`);
}
