'use client';

import { useActionState } from 'react';
import { inviteMemberAction } from '@/app/orgs/[slug]/members/actions';
import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { Result } from '@/server/errors/domain-error';
import { Card } from '@/components/ui/card';

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
      >
        <input type="hidden" name="orgSlug" value={orgSlug} />
        <div className="mt-5 grid gap-5 sm:grid-cols-[2fr_1fr]">
          <Field
            name="email"
            label="Email"
            type="email"
            placeholder="ivy@example.com"
            autoComplete="off"
            spellCheck={false}
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
        {failure && !failure.fields && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {failure.message}
          </p>
        )}
        {invited && (
          <p
            role="status"
            className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          >
            Invited <strong>{invited.email}</strong> as {invited.role}. The invitation waits below
            until they sign in.
          </p>
        )}
        <div className="mt-6 flex justify-end">
          <SubmitButton pending={pending} pendingLabel="Inviting…">
            Invite
          </SubmitButton>
        </div>
      </form>
    </Card>
  );
}
