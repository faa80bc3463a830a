import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireCaller } from '@/app/_lib/get-caller';
import { HostnameMap } from '@/components/hostnames/hostname-map';
import { PageHeader } from '@/components/layout/page-header';
import { platformRoleOf } from '@/server/auth/caller';
import { roleHas } from '@/server/auth/permissions';
import {
  MAX_SEARCH_LENGTH,
  parseHostnameQuery,
  type RawSearchParams,
} from '@/server/hostnames/hostname-query';
import { listOrgSlugs } from '@/server/hostnames/list-cluster-names';
import { searchHostnames } from '@/server/hostnames/search-hostnames';
import { getStore } from '@/server/store';

export const metadata: Metadata = { title: 'Hostnames' };

// Every org's records in one map, for platform operators; anyone else gets the 404 page, as if
// the page did not exist.
export default async function PlatformHostnamesPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const caller = await requireCaller();
  if (!roleHas(platformRoleOf(caller), 'records.read_platform')) notFound();
  const store = await getStore();
  const query = parseHostnameQuery(await searchParams);
  const [result, orgs] = await Promise.all([
    searchHostnames(store, { orgId: null }, query),
    listOrgSlugs(store),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={[{ label: 'Hostnames' }]}
        title="Hostnames · every organization"
        description="Every record in every org's zone, as last synced, with its owner. Each org's page has its own sync time and Sync now."
      />
      <HostnameMap
        result={result}
        query={query}
        basePath="/hostnames"
        csvPath="/api/hostnames/csv"
        syncState={null}
        syncControl={null}
        clusters={null}
        orgs={orgs}
        maxSearchLength={MAX_SEARCH_LENGTH}
      />
    </div>
  );
}
