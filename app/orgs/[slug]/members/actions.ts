'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/app/_lib/org-action';
import { inviteMember } from '@/server/memberships/invite-member';
import { removeMember } from '@/server/memberships/remove-member';
import { revokeInvitation } from '@/server/memberships/revoke-invitation';

export const inviteMemberAction = orgAction({
  permission: 'members.manage',
  // Only text here; the domain schema checks the values and says what is wrong at each field.
  input: z.object({ email: z.string().default(''), role: z.string().default('') }),
  run: async ({ store, actor, org, input }) => {
    const invitation = await inviteMember({ store, actor, org }, input);
    revalidatePath(`/orgs/${org.slug}/members`);
    return { email: invitation.email, role: invitation.role };
  },
});

export const revokeInvitationAction = orgAction({
  permission: 'members.manage',
  input: z.object({ invitationId: z.string().min(1, 'The form did not say which invitation.') }),
  run: async ({ store, actor, org, input }) => {
    const revoked = await revokeInvitation({ store, actor, org }, input.invitationId);
    revalidatePath(`/orgs/${org.slug}/members`);
    return revoked;
  },
});

export const removeMemberAction = orgAction({
  permission: 'members.manage',
  input: z.object({ userId: z.string().min(1, 'The form did not say which member.') }),
  run: async ({ store, actor, org, input }) => {
    const removed = await removeMember({ store, actor, org }, input.userId);
    revalidatePath(`/orgs/${org.slug}/members`);
    return removed;
  },
});
