'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import type { Result } from '@/server/errors/domain-error';
import { registerIdentityProviderAction } from './actions';
import { SubmitButton } from '@/components/ui/submit-button';

type State = Result<{ issuer: string; clientId: string }> | null;

export function IdentityProviderForm({
  orgSlug,
  current,
}: {
  orgSlug: string;
  current: { issuer: string; clientId: string } | null;
}) {
  const [state, formAction, pending] = useActionState<State, FormData>(
    registerIdentityProviderAction,
    null,
  );
  const fields = state && !state.ok ? state.error.fields : undefined;
  return (
    <form
      action={formAction}
      className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <Field
        name="issuer"
        label="Issuer URL"
        placeholder="https://login.example.com/realms/acme"
        defaultValue={current?.issuer}
        required
        errors={fields?.issuer}
      />
      <Field
        name="clientId"
        label="Client id"
        defaultValue={current?.clientId}
        required
        errors={fields?.clientId}
      />
      <Field
        name="clientSecret"
        label="Client secret"
        type="password"
        autoComplete="off"
        hint={
          current
            ? 'Stored in Vault. Leave empty to keep the stored secret.'
            : 'Stored in Vault, never in the database.'
        }
        errors={fields?.clientSecret}
      />
      {state && !state.ok && !fields && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {state.error.message}
        </p>
      )}
      {state?.ok && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Saved. People of {orgSlug} now sign in through {state.data.issuer}.
        </p>
      )}
      <div className="flex justify-end">
        <SubmitButton pending={pending} pendingLabel="Checking the issuer…">
          Save identity provider
        </SubmitButton>
      </div>
    </form>
  );
}
