// The org's hostname map, whole or for one cluster: both routes render this.
import { notFound } from 'next/navigation';
import Link from 'next/link';
import { requireOrgForPage } from '@/app/_lib/get-caller';
import { HostnameMap } from '@/components/hostnames/hostname-map';
import { SyncNowButton } from '@/components/hostnames/sync-now-button';
import { PageHeader, type Crumb } from '@/components/layout/page-header';
import { roleHas } from '@/server/auth/permissions';
import {
  MAX_SEARCH_LENGTH,
  parseHostnameQuery,
  type RawSearchParams,
} from '@/server/hostnames/hostname-query';
import { findClusterByName, listClusterNames } from '@/server/hostnames/list-cluster-names';
import { readRecordSyncState } from '@/server/hostnames/record-sync-state';
import { searchHostnames } from '@/server/hostnames/search-hostnames';
import { getStore } from '@/server/store';
import { syncRecordsAction } from './actions';

export async function OrgHostnamePage({
  slug,
  searchParams,
  clusterName,
}: {
  slug: string;
  searchParams: RawSearchParams;
  clusterName?: string;
}) {
  // Through the caller's membership: another org's map is the same 404 as a missing org.
  const { org, role } = await requireOrgForPage(slug);
  if (!roleHas(role, 'records.read')) notFound();
  const store = await getStore();
  const cluster = clusterName ? await findClusterByName(store, org.id, clusterName) : null;
  if (clusterName && !cluster) notFound();
  const parsed = parseHostnameQuery(searchParams);
  const query = { ...parsed, org: null, cluster: cluster ? cluster.name : parsed.cluster };
  const basePath = cluster
    ? `/orgs/${org.slug}/clusters/${encodeURIComponent(cluster.name)}/hostnames`
    : `/orgs/${org.slug}/hostnames`;
  const [result, syncState, clusters] = await Promise.all([
    searchHostnames(store, { orgId: org.id }, query),
    readRecordSyncState(store, org.id),
    cluster ? null : listClusterNames(store, org.id),
  ]);
  const crumbs: Crumb[] = [
    { label: 'Organizations', href: '/orgs' },
    { label: org.slug, href: `/orgs/${org.slug}`, mono: true },
    ...(cluster
      ? [
          { label: 'Hostnames', href: `/orgs/${org.slug}/hostnames` },
          { label: cluster.name, mono: true },
        ]
      : [{ label: 'Hostnames' }]),
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={crumbs}
        title={cluster ? `Hostnames of ${cluster.name}` : `Hostnames · ${org.displayName}`}
        description={
          cluster
            ? `The records cluster ${cluster.name} (${cluster.status}) owns in ${org.slug}'s zone, as last synced.`
            : `Every record in ${org.slug}'s zone, with the cluster and resource that own it, read from ExternalDNS's TXT registry.`
        }
      />
      <HostnameMap
        result={result}
        query={query}
        basePath={basePath}
        csvPath={`/api/orgs/${org.slug}/hostnames/csv`}
        syncState={syncState}
        syncControl={
          roleHas(role, 'records.sync') && syncState.zone === 'ready' ? (
            <SyncNowButton orgSlug={org.slug} action={syncRecordsAction} />
          ) : null
        }
        clusters={clusters}
        orgs={null}
        maxSearchLength={MAX_SEARCH_LENGTH}
        actions={
          roleHas(role, 'records.delete_orphans') && result.counts.orphan > 0 && !cluster ? (
            <Link
              href={`/orgs/${org.slug}/hostnames/delete-orphans`}
              className="rounded-md border border-red-300 px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
            >
              Delete orphans…
            </Link>
          ) : null
        }
      />
    </div>
  );
}
