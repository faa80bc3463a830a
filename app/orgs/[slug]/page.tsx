import type { Metadata } from 'next';
import Link from 'next/link';
import { requireOrgPageAccess } from '@/app/_lib/org-page-access';
import { OrgHostnameSummary } from '@/app/orgs/[slug]/hostnames/org-hostname-summary';
import { PageHeader } from '@/components/layout/page-header';
import { ClusterCounts } from '@/components/clusters/cluster-counts';
import { AuditTrail } from '@/components/org-detail/audit-trail';
import { DeletedOrgHistory } from '@/components/org-detail/deleted-org-history';
import { OrgLiveStatus } from '@/components/org-detail/org-live-status';
import { Identifier } from '@/components/ui/identifier';
import { listAuditEvents } from '@/server/audit/list-audit-events';
import { roleHas } from '@/server/auth/permissions';
import { loadClusterListView } from '@/server/clusters/cluster-view';
import { getConfig } from '@/server/config/config';
import { loadOrgStatusView } from '@/server/provisioning/org-status-view';
import { getStore } from '@/server/store';
import { ZoneCostSection } from './zone-cost-section';

// The layout's title template covers the pages below this one, not this page itself.
export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string }>;
}): Promise<Metadata> {
  const { org } = await requireOrgPageAccess((await params).slug);
  return { title: `Overview · ${org.displayName}` };
}

// A deleted org keeps every event: its trail is read whole, a live org's latest few at a time.
const LIVE_TRAIL_LENGTH = 50;
const DELETED_TRAIL_LENGTH = 10_000;

export default async function OrganizationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // Through the caller's membership: another org's page is the same 404 as a missing one.
  const access = await requireOrgPageAccess(slug);
  const store = await getStore();
  const { org } = access;
  const zoneName = `${org.slug}.${getConfig().ZK_BASE_DOMAIN}`;
  const crumbs = [
    { label: 'Organizations', href: '/orgs' },
    { label: org.slug, mono: true },
  ];

  if (access.kind === 'deleted') {
    const events = await listAuditEvents(store, { orgId: org.id, limit: DELETED_TRAIL_LENGTH });
    return (
      <div className="flex flex-col gap-6">
        <PageHeader
          crumbs={crumbs}
          title={org.displayName}
          subtitle={<Identifier value={zoneName} />}
        />
        <DeletedOrgHistory org={org} />
        <AuditTrail
          events={events}
          orgSlug={org.slug}
          description="Everything recorded for this organization, its teardown included, newest first."
        />
      </div>
    );
  }

  const { role } = access;
  const [status, events, clusters] = await Promise.all([
    loadOrgStatusView(store, org, { showAccountId: roleHas(role, 'identity.read_account') }),
    roleHas(role, 'audit.read')
      ? listAuditEvents(store, { orgId: org.id, limit: LIVE_TRAIL_LENGTH })
      : null,
    loadClusterListView(store, org),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={crumbs}
        title={org.displayName}
        subtitle={<Identifier value={zoneName} />}
        aside={
          <>
            <Link
              href={`/orgs/${org.slug}/members`}
              className="text-sm font-medium text-indigo-600 hover:underline"
            >
              Members
            </Link>
            <ClusterCounts view={clusters} />
            <Link
              href={`/orgs/${org.slug}/certificates`}
              className="text-sm font-medium text-indigo-600 hover:underline"
            >
              Certificates
            </Link>
            {/* Only for who may change them, and not for an org on its way out. */}
            {roleHas(role, 'idp.manage') && org.desiredState === 'present' && (
              <Link
                href={`/orgs/${org.slug}/sign-in-settings`}
                className="text-sm font-medium text-indigo-600 hover:underline"
              >
                Sign-in settings
              </Link>
            )}
          </>
        }
      />
      <ZoneCostSection org={org} role={role} />
      <OrgLiveStatus
        initial={status}
        zoneName={zoneName}
        permissions={{
          retry: roleHas(role, 'provisioning.retry'),
          rotate: roleHas(role, 'credentials.rotate'),
          delete: roleHas(role, 'orgs.delete'),
          forceRetire: roleHas(role, 'credentials.force_retire'),
        }}
        historyKept={role === 'platform-operator'}
        history={
          <AuditTrail
            events={events}
            orgSlug={org.slug}
            description={`Who changed what for this organization, newest first (the latest ${LIVE_TRAIL_LENGTH}).`}
          />
        }
      />
      <OrgHostnameSummary org={org} />
    </div>
  );
}
