import { revokeInvitationAction } from '@/app/orgs/[slug]/members/actions';
import { Card } from '@/components/ui/card';
import { ColumnHeaders, WIDE_ONLY } from '@/components/ui/column-headers';
import { Identifier } from '@/components/ui/identifier';
import { Truncated } from '@/components/ui/truncated';
import { UtcTime } from '@/components/ui/utc-time';
import type { PendingInvitation } from '@/server/memberships/list-members';
import { RowActionForm } from './row-action-form';

/** Invitations nobody has accepted yet, each with a revoke button (shown to managers only). */
export function InvitationTable({
  orgSlug,
  invitations,
}: {
  orgSlug: string;
  invitations: PendingInvitation[];
}) {
  return (
    <Card
      id="invitations"
      title={`Pending invitations (${invitations.length})`}
      description="Accepted when the person signs in through the platform identity provider with this email address."
    >
      {invitations.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No invitation is waiting.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table
            className="min-w-full divide-y divide-slate-200 text-sm"
            aria-label="Pending invitations"
          >
            <ColumnHeaders
              columns={['Email', 'Role', 'Invited by', 'Invited (UTC)', 'Actions']}
              wideOnly={['Invited by', 'Invited (UTC)']}
            />
            <tbody className="divide-y divide-slate-100">
              {invitations.map((invitation) => (
                <tr key={invitation.id} data-invitation-email={invitation.email}>
                  <td className="py-2 pr-4 font-medium text-slate-900">
                    <Truncated
                      value={invitation.email}
                      className="max-w-[10rem] sm:max-w-[18rem]"
                    />
                  </td>
                  <td className="py-2 pr-4 text-slate-700">{invitation.role}</td>
                  <td className={`py-2 pr-4 text-slate-700 ${WIDE_ONLY}`}>
                    <Truncated value={invitation.invitedBy ?? '—'} className="max-w-[14rem]" />
                  </td>
                  <td className={`whitespace-nowrap py-2 pr-4 text-slate-600 ${WIDE_ONLY}`}>
                    <UtcTime value={invitation.createdAt} />
                  </td>
                  <td className="py-2">
                    <RowActionForm
                      action={revokeInvitationAction}
                      orgSlug={orgSlug}
                      fields={{ invitationId: invitation.id }}
                      label="Revoke"
                      pendingLabel="Revoking…"
                      accessibleName={`Revoke the invitation of ${invitation.email}`}
                      question={
                        <>
                          Revoke the invitation of{' '}
                          <strong>
                            <Identifier value={invitation.email} />
                          </strong>{' '}
                          to {orgSlug}? They can then no longer join by signing in.
                        </>
                      }
                      confirmLabel="Revoke invitation"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
