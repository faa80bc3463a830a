import Link from 'next/link';
import type { ClusterListView } from '@/server/clusters/cluster-view';
import { deliveryDue } from './delivery-due';

/** The org page's one line on its clusters: how many, and how many still wait for ExternalDNS. */
export function ClusterCounts({ view }: { view: ClusterListView }) {
  const live = view.clusters.filter((c) => !c.deletedAt);
  const waiting = live.filter((c) => deliveryDue(c, view.orgKeyVersion)).length;
  return (
    <Link
      href={`/orgs/${view.slug}/clusters`}
      data-testid="cluster-counts"
      className="text-sm font-medium text-indigo-600 hover:underline"
    >
      Clusters ({live.length}
      {waiting > 0 ? `, ${waiting} awaiting ExternalDNS` : ''})
    </Link>
  );
}
