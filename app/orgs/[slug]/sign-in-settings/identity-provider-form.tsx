'use client';

import { useActionState, useState } from 'react';
import { Field } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import {
  MAX_CLIENT_ID_LENGTH,
  MAX_CLIENT_SECRET_LENGTH,
  MAX_ISSUER_LENGTH,
} from '@/server/auth/identity-provider-limits';
import { registerIdentityProviderAction, type IdentityProviderFormState } from './actions';
import { SubmitButton } from '@/components/ui/submit-button';

export function IdentityProviderForm({
  orgSlug,
  current,
}: {
  orgSlug: string;
  current: { issuer: string; clientId: string } | null;
}) {
  const [state, formAction, pending] = useActionState<IdentityProviderFormState | null, FormData>(
    registerIdentityProviderAction,
    null,
  );
  const result = state?.result;
  const fields = result && !result.ok ? result.error.fields : undefined;
  // After a failed save the form shows what was typed (React resets a form to its defaults).
  const shown = result && !result.ok ? state.typed : current;
  const [issuer, setIssuer] = useState(shown?.issuer ?? '');
  const [clientId, setClientId] = useState(shown?.clientId ?? '');
  const repointing =
    current !== null && (issuer.trim() !== current.issuer || clientId.trim() !== current.clientId);
  const issuerChanging = current !== null && issuer.trim() !== current.issuer;
  return (
    <form
      action={formAction}
      // Errors show at their field, in our words, not in the browser's bubbles.
      noValidate
      className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <Field
        name="issuer"
        label="Issuer URL"
        placeholder="https://login.example.com/realms/acme"
        value={issuer}
        onChange={(e) => setIssuer(e.target.value)}
        maxLength={MAX_ISSUER_LENGTH}
        required
        errors={fields?.issuer}
      />
      <Field
        name="clientId"
        label="Client id"
        value={clientId}
        onChange={(e) => setClientId(e.target.value)}
        maxLength={MAX_CLIENT_ID_LENGTH}
        required
        errors={fields?.clientId}
      />
      {issuerChanging && (
        <p
          role="status"
          data-testid="issuer-change-warning"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          Changing the issuer signs out everyone who signed in through {current.issuer}: they must
          sign in again through the new identity provider, which must know them by the same email.
        </p>
      )}
      <Field
        name="clientSecret"
        label="Client secret"
        type="password"
        autoComplete="off"
        maxLength={MAX_CLIENT_SECRET_LENGTH}
        hint={
          !current
            ? 'Stored in Vault, never in the database.'
            : repointing
              ? 'Required: a new issuer or client id needs the secret issued for it.'
              : 'Stored in Vault. Leave empty to keep the stored secret.'
        }
        errors={fields?.clientSecret}
      />
      {result && !result.ok && !fields && <FormError>{result.error.message}</FormError>}
      {result?.ok && (
        <FormSuccess>
          Saved. People of {orgSlug} now sign in through {result.data.issuer}.
          {result.data.signedOutMembers > 0 &&
            ` ${result.data.signedOutMembers} member(s) of the previous identity provider were signed out and sign in again through this one.`}
        </FormSuccess>
      )}
      <div className="flex justify-end">
        <SubmitButton pending={pending} pendingLabel="Checking the issuer…">
          Save identity provider
        </SubmitButton>
      </div>
    </form>
  );
}
