import type { Metadata } from 'next';
import { requireOrgForPage } from '@/app/_lib/get-caller';
import { PageHeader } from '@/components/layout/page-header';
import { InvitationTable } from '@/components/members/invitation-table';
import { InviteMemberForm } from '@/components/members/invite-member-form';
import { MemberTable } from '@/components/members/member-table';
import { roleHas } from '@/server/auth/permissions';
import { listMembers } from '@/server/memberships/list-members';
import { getStore } from '@/server/store';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // Through the caller's membership: another org's members are the same 404 as a missing org.
  const { org, role, caller } = await requireOrgForPage(slug);
  const mayManage = roleHas(role, 'members.manage');
  const { members, invitations } = await listMembers(await getStore(), org.id);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={[
          { label: 'Organizations', href: '/orgs' },
          { label: org.slug, href: `/orgs/${org.slug}`, mono: true },
          { label: 'Members' },
        ]}
        title={`Members · ${org.displayName}`}
        description={`Who can see ${org.slug}, with which role, and how they came to be a member.`}
      />
      {mayManage ? (
        <InviteMemberForm orgSlug={org.slug} />
      ) : (
        <p
          data-testid="members-read-only"
          className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600"
        >
          Only admins of {org.slug} and platform operators can invite or remove members.
        </p>
      )}
      <MemberTable
        orgSlug={org.slug}
        members={members}
        manage={mayManage ? { callerId: caller.userId } : null}
      />
      {/* Pending invitations are the admins' unfinished business, and name people who have not
          joined: viewers do not see them. */}
      {mayManage && <InvitationTable orgSlug={org.slug} invitations={invitations} />}
    </div>
  );
}
