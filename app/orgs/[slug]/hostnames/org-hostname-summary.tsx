// The org page's hostname card, loaded on its own so the org page adds it with one line.
import { HostnameSummaryCard } from '@/components/hostnames/hostname-summary-card';
import type { Organization } from '@/db/rows';
import { DEFAULT_HOSTNAME_QUERY } from '@/server/hostnames/hostname-query';
import { searchHostnames } from '@/server/hostnames/search-hostnames';
import { getStore } from '@/server/store';

export async function OrgHostnameSummary({ org }: { org: Pick<Organization, 'id' | 'slug'> }) {
  const { counts, rows } = await searchHostnames(
    await getStore(),
    { orgId: org.id },
    { ...DEFAULT_HOSTNAME_QUERY, status: 'orphan' },
  );
  return <HostnameSummaryCard orgSlug={org.slug} counts={counts} orphans={rows} />;
}
