import { removeMemberAction } from '@/app/orgs/[slug]/members/actions';
import { Card } from '@/components/ui/card';
import { ColumnHeaders, WIDE_ONLY } from '@/components/ui/column-headers';
import { Identifier } from '@/components/ui/identifier';
import { Truncated } from '@/components/ui/truncated';
import { UtcTime } from '@/components/ui/utc-time';
import type { Member } from '@/server/memberships/list-members';
import { RowActionForm } from './row-action-form';

function howJoined(source: Member['source'], orgSlug: string): string {
  switch (source) {
    case 'org-idp':
      return `${orgSlug}'s identity provider`;
    case 'invitation':
      return 'invitation';
    case 'platform-idp':
      return 'platform identity provider';
  }
}

/** The org's members; `manage` adds a remove button to every row but the caller's own. */
export function MemberTable({
  orgSlug,
  members,
  manage,
}: {
  orgSlug: string;
  members: Member[];
  manage: { callerId: string } | null;
}) {
  return (
    <Card
      id="members"
      title={`Members (${members.length})`}
      description={
        <>
          People of {orgSlug}. Platform operators can see every organization and are not listed.
          {manage && members.some((m) => m.source === 'org-idp') && (
            <>
              {' '}
              Someone from {orgSlug}&apos;s identity provider comes back at their next sign-in
              there: remove them at the provider as well.
            </>
          )}
        </>
      }
    >
      {members.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No members yet.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Members">
            <ColumnHeaders
              columns={[
                'Person',
                'Role',
                'Joined through',
                'Since (UTC)',
                ...(manage ? ['Actions'] : []),
              ]}
              wideOnly={['Joined through', 'Since (UTC)']}
            />
            <tbody className="divide-y divide-slate-100">
              {members.map((member) => (
                <tr key={member.userId} data-member-email={member.email.toLowerCase()}>
                  <td className="py-2 pr-4">
                    <Truncated
                      value={member.name ?? member.email}
                      className="max-w-[10rem] font-medium sm:max-w-[18rem] text-slate-900"
                    />
                    {member.name && (
                      <Truncated
                        value={member.email}
                        className="max-w-[10rem] text-xs sm:max-w-[18rem] text-slate-500"
                      />
                    )}
                  </td>
                  <td className="py-2 pr-4 text-slate-700" data-role={member.role}>
                    {member.role}
                  </td>
                  <td
                    className={`py-2 pr-4 text-slate-700 ${WIDE_ONLY}`}
                    data-source={member.source}
                  >
                    {howJoined(member.source, orgSlug)}
                  </td>
                  <td className={`whitespace-nowrap py-2 pr-4 text-slate-600 ${WIDE_ONLY}`}>
                    <UtcTime value={member.joinedAt} />
                  </td>
                  {manage && (
                    <td className="py-2">
                      {member.userId === manage.callerId ? (
                        <span className="text-xs text-slate-400">you</span>
                      ) : (
                        <RowActionForm
                          action={removeMemberAction}
                          orgSlug={orgSlug}
                          fields={{ userId: member.userId }}
                          label="Remove"
                          pendingLabel="Removing…"
                          accessibleName={`Remove ${member.email} from ${orgSlug}`}
                          question={
                            <>
                              Remove{' '}
                              <strong>
                                <Identifier value={member.email} />
                              </strong>{' '}
                              from {orgSlug}? They lose access at once.
                            </>
                          }
                          confirmLabel="Remove member"
                        />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
