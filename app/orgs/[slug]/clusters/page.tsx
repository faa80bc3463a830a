import type { Metadata } from 'next';
import { requireOrgForPage } from '@/app/_lib/get-caller';
import { ClusterTable } from '@/components/clusters/cluster-table';
import { RegisterClusterForm } from '@/components/clusters/register-cluster-form';
import { PageHeader } from '@/components/layout/page-header';
import { roleHas } from '@/server/auth/permissions';
import { loadClusterListView } from '@/server/clusters/cluster-view';
import { getStore } from '@/server/store';

export const metadata: Metadata = { title: 'Clusters' };

export default async function ClustersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // Through the caller's membership: another org's clusters are the same 404 as a missing org.
  const { org, role } = await requireOrgForPage(slug);
  const mayRegister = roleHas(role, 'clusters.write') && org.desiredState === 'present';
  const view = await loadClusterListView(await getStore(), org);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={[
          { label: 'Organizations', href: '/orgs' },
          { label: org.slug, href: `/orgs/${org.slug}`, mono: true },
          { label: 'Clusters' },
        ]}
        title={`Clusters · ${org.displayName}`}
        description={`The Kubernetes clusters whose ExternalDNS publishes into ${org.slug}'s zone with its key.`}
      />
      <ClusterTable initial={view} mayRegister={mayRegister} />
      {mayRegister ? (
        <RegisterClusterForm orgSlug={org.slug} />
      ) : (
        <p
          data-testid="clusters-read-only"
          className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600"
        >
          Only admins of {org.slug} and platform operators can register, change or delete clusters.
        </p>
      )}
    </div>
  );
}
