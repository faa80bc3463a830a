import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireOrgForPage } from '@/app/_lib/get-caller';
import { ClusterLiveDetail } from '@/components/clusters/cluster-live-detail';
import { PageHeader } from '@/components/layout/page-header';
import { Identifier } from '@/components/ui/identifier';
import { roleHas } from '@/server/auth/permissions';
import { clusterDomainFor } from '@/server/clusters/cluster-name';
import { loadClusterDetailView } from '@/server/clusters/cluster-view';
import { getConfig } from '@/server/config/config';
import { DomainError } from '@/server/errors/domain-error';
import { getStore } from '@/server/store';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ name: string }>;
}): Promise<Metadata> {
  // The layout's template adds the org; a name the org lacks gets the 404 page anyway.
  return { title: `Cluster ${(await params).name}` };
}

export default async function ClusterPage({
  params,
}: {
  params: Promise<{ slug: string; name: string }>;
}) {
  const { slug, name } = await params;
  // Through the caller's membership: another org's cluster is the same 404 as a missing one.
  const { org, role } = await requireOrgForPage(slug);
  const view = await loadClusterDetailView(await getStore(), org, name).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={[
          { label: 'Organizations', href: '/orgs' },
          { label: org.slug, href: `/orgs/${org.slug}`, mono: true },
          { label: 'Clusters', href: `/orgs/${org.slug}/clusters` },
          { label: view.cluster.name, mono: true },
        ]}
        title={view.cluster.name}
        subtitle={
          <Identifier
            value={clusterDomainFor(view.cluster.name, org.slug, getConfig().ZK_BASE_DOMAIN)}
          />
        }
      />
      <ClusterLiveDetail
        initial={view}
        mayWrite={roleHas(role, 'clusters.write') && org.desiredState === 'present'}
      />
    </div>
  );
}
