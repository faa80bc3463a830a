import type { Metadata } from 'next';
import Link from 'next/link';
import { requireOrgForPage } from '@/app/_lib/get-caller';
import { AuditTrail } from '@/components/org-detail/audit-trail';
import { OrgLiveStatus } from '@/components/org-detail/org-live-status';
import { listAuditEvents } from '@/server/audit/list-audit-events';
import { roleHas } from '@/server/auth/permissions';
import { getConfig } from '@/server/config/config';
import { loadOrgStatusView } from '@/server/provisioning/org-status-view';
import { getStore } from '@/server/store';

export const metadata: Metadata = { title: 'Organization' };

export default async function OrganizationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // Through the caller's membership: another org's page is the same 404 as a missing one.
  const { org, role } = await requireOrgForPage(slug);
  const store = await getStore();
  const [status, events] = await Promise.all([
    loadOrgStatusView(store, org, { showAccountId: roleHas(role, 'identity.read_account') }),
    roleHas(role, 'audit.read') ? listAuditEvents(store, { orgId: org.id }) : null,
  ]);
  const zoneName = `${org.slug}.${getConfig().ZK_BASE_DOMAIN}`;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href="/orgs" className="hover:text-indigo-600 hover:underline">
            Organizations
          </Link>{' '}
          / <span className="font-mono">{org.slug}</span>
        </nav>
        <div className="mt-2 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
              {org.displayName}
            </h1>
            <p className="mt-1 font-mono text-sm text-slate-500">{zoneName}</p>
          </div>
          <div className="flex gap-4">
            <Link
              href={`/orgs/${org.slug}/members`}
              className="text-sm font-medium text-indigo-600 hover:underline"
            >
              Members
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
          </div>
        </div>
      </div>
      <OrgLiveStatus
        initial={status}
        zoneName={zoneName}
        permissions={{
          retry: roleHas(role, 'provisioning.retry'),
          rotate: roleHas(role, 'credentials.rotate'),
          delete: roleHas(role, 'orgs.delete'),
        }}
      />
      <AuditTrail events={events} orgSlug={org.slug} />
    </div>
  );
}
