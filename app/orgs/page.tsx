import type { Metadata } from 'next';
import { connection } from 'next/server';
import { CreateOrgForm } from '@/components/orgs/create-org-form';
import { OrgTable } from '@/components/orgs/org-table';
import { requireCaller } from '@/app/_lib/get-caller';
import { platformRoleOf } from '@/server/auth/caller';
import { roleHas } from '@/server/auth/permissions';
import { getConfig } from '@/server/config/config';
import { listOrganizations } from '@/server/orgs/list-organizations';
import { getStore } from '@/server/store';

export const metadata: Metadata = { title: 'Organizations' };

export default async function OrganizationsPage() {
  // Rendered per request: the list comes from the store, never from a build-time snapshot.
  await connection();
  const caller = await requireCaller();
  const { ZK_BASE_DOMAIN: baseDomain } = getConfig();
  const orgs = await listOrganizations(await getStore(), caller);
  const mayCreate = roleHas(platformRoleOf(caller), 'orgs.create');
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Organizations</h1>
        <p className="mt-1 text-sm text-slate-500">
          Every tenant of the platform, with the hosted zone it owns and where its provisioning
          stands.
        </p>
      </div>
      {mayCreate && <CreateOrgForm baseDomain={baseDomain} />}
      <section aria-labelledby="org-list-title" className="flex flex-col gap-3">
        <h2 id="org-list-title" className="text-base font-semibold text-slate-900">
          {caller.isPlatformOperator ? 'All organizations' : 'Your organizations'}{' '}
          <span className="font-normal text-slate-500">({orgs.length})</span>
        </h2>
        <OrgTable
          orgs={orgs}
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
      </section>
    </div>
  );
}
