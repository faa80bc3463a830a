import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { CreateOrgForm } from '@/components/orgs/create-org-form';
import { OrgTable } from '@/components/orgs/org-table';
import { PageHeader } from '@/components/layout/page-header';
import { requireCaller } from '@/app/_lib/get-caller';
import { platformRoleOf } from '@/server/auth/caller';
import { roleHas } from '@/server/auth/permissions';
import { getConfig } from '@/server/config/config';
import { listOrganizations, toOrgListEntry } from '@/server/orgs/list-organizations';
import { getStore } from '@/server/store';

export const metadata: Metadata = { title: 'Organizations' };

export default async function OrganizationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Rendered per request: the list comes from the store, never from a build-time snapshot.
  await connection();
  const caller = await requireCaller();
  const { ZK_BASE_DOMAIN: baseDomain } = getConfig();
  // Deleted orgs keep their page and audit trail; operators can list them on request.
  const includeDeleted = caller.isPlatformOperator && (await searchParams).deleted === 'include';
  const orgs = await listOrganizations(await getStore(), caller, { includeDeleted });
  const mayCreate = roleHas(platformRoleOf(caller), 'orgs.create');
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title="Organizations"
        description={
          caller.isPlatformOperator
            ? 'Every tenant of the platform, with the hosted zone it owns and where its provisioning stands.'
            : 'The organizations you belong to, with the hosted zone each owns and where its provisioning stands.'
        }
      />
      {mayCreate && <CreateOrgForm baseDomain={baseDomain} />}
      <OrgTable
        title={caller.isPlatformOperator ? 'All organizations' : 'Your organizations'}
        toggle={
          caller.isPlatformOperator && (
            <Link
              href={includeDeleted ? '/orgs' : '/orgs?deleted=include'}
              className="text-sm font-medium text-indigo-600 hover:underline"
            >
              {includeDeleted ? 'Hide deleted organizations' : 'Show deleted organizations'}
            </Link>
          )
        }
        initial={{ orgs: orgs.map(toOrgListEntry), readAt: new Date().toISOString() }}
        includeDeleted={includeDeleted}
        baseDomain={baseDomain}
        empty={
          mayCreate
            ? { title: 'No organizations yet', hint: 'Create the first one with the form above.' }
            : {
                title: 'You are not a member of any organization yet',
                hint: (
                  <>
                    Ask an admin of your organization to invite{' '}
                    <span className="font-medium text-slate-700">{caller.email}</span> on its
                    Members page. Once they have, sign out and sign in again through the platform
                    identity provider: the invitation applies at sign-in.
                  </>
                ),
              }
        }
      />
    </div>
  );
}
