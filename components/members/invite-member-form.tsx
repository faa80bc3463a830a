'use client';

import { useActionState } from 'react';
import { inviteMemberAction } from '@/app/orgs/[slug]/members/actions';
import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { Result } from '@/server/errors/domain-error';
import { Card } from '@/components/ui/card';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { MAX_EMAIL_LENGTH } from '@/server/memberships/invitation-limits';

interface State {
  result: Result<{ email: string; role: string }>;
  /** Kept here, in the browser, to show again on failure (the server echoes nothing back). */
  submitted: { email: string; role: string };
}

const ROLES = [
  { value: 'viewer', label: 'Viewer: reads the organization' },
  { value: 'admin', label: 'Admin: manages the organization and its members' },
];

export function InviteMemberForm({ orgSlug }: { orgSlug: string }) {
  const [state, formAction, pending] = useActionState<State | null, FormData>(
    async (_previous, formData) => ({
      result: await inviteMemberAction(formData),
      submitted: {
        email: String(formData.get('email') ?? ''),
        role: String(formData.get('role') ?? 'viewer'),
      },
    }),
    null,
  );
  const failure = state && !state.result.ok ? state.result.error : undefined;
  const invited = state?.result.ok ? state.result.data : undefined;
  return (
    <Card
      id="invite-member"
      title="Invite someone"
      description={
        <>
          They join {orgSlug} with this role the next time they sign in through the platform
          identity provider with this email address.
        </>
      }
    >
      <form
        // A new key after each answer restores the submitted values on failure, clears on success.
        key={JSON.stringify(state)}
        action={formAction}
        noValidate
        aria-labelledby="invite-member-title"
        className="mt-5 flex flex-col gap-4"
      >
        <input type="hidden" name="orgSlug" value={orgSlug} />
        <div className="grid gap-5 sm:grid-cols-[2fr_1fr]">
          <Field
            name="email"
            label="Email"
            type="email"
            placeholder="ivy@example.com"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_EMAIL_LENGTH}
            defaultValue={failure ? state?.submitted.email : ''}
            errors={failure?.fields?.email}
          />
          <SelectField
            name="role"
            label="Role"
            options={ROLES}
            defaultValue={failure ? state?.submitted.role : 'viewer'}
            errors={failure?.fields?.role}
          />
        </div>
        {failure && !failure.fields && <FormError>{failure.message}</FormError>}
        {invited && (
          <FormSuccess>
            Invited <strong>{invited.email}</strong> as {invited.role}. The invitation waits below
            until they sign in.
          </FormSuccess>
        )}
        <div className="flex justify-end">
          <SubmitButton pending={pending} pendingLabel="Inviting…">
            Invite
          </SubmitButton>
        </div>
      </form>
    </Card>
  );
}
