'use client';

import { useActionState } from 'react';
import { signInWithOrganizationAction, signInWithPlatformAction } from './actions';
import type { SignInFormState } from './sign-in-form-state';
import { SubmitButton } from '@/components/ui/submit-button';

export interface DemoPerson {
  name: string;
  description: string;
  org?: string;
  loginHint?: string;
}

export function OrganizationSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<SignInFormState, FormData>(
    signInWithOrganizationAction,
    {},
  );
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Organization sign-in">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label htmlFor="organization" className="text-sm font-medium text-slate-900">
        Your organization
      </label>
      <div className="flex gap-2">
        <input
          id="organization"
          name="organization"
          defaultValue={state.organization}
          placeholder="acme"
          autoComplete="organization"
          spellCheck={false}
          required
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'organization-error' : undefined}
          className="flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none"
        />
        <SubmitButton pending={pending} pendingLabel="Redirecting…">
          Continue
        </SubmitButton>
      </div>
      {/* At the field it is about, like every form field's error (components/ui/field.tsx). */}
      {state.error && (
        <p id="organization-error" role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}

export function PlatformSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<SignInFormState, FormData>(
    signInWithPlatformAction,
    {},
  );
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Platform sign-in">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <SubmitButton pending={pending} pendingLabel="Redirecting…">
        Sign in with the platform identity provider
      </SubmitButton>
      {state.error && <ErrorText id="platform-error" text={state.error} />}
    </form>
  );
}

/** Sandbox people, each a shortcut to the sign-in of their org (or the platform). */
export function DemoPeopleList({
  people,
  callbackUrl,
}: {
  people: DemoPerson[];
  callbackUrl: string;
}) {
  const [orgState, orgAction] = useActionState(signInWithOrganizationAction, {});
  const [platformState, platformAction] = useActionState(signInWithPlatformAction, {});
  const error = orgState.error ?? platformState.error;
  return (
    <div className="flex flex-col gap-2">
      <ul className="grid gap-2 sm:grid-cols-2">
        {people.map((person) => (
          <li key={`${person.org ?? 'platform'}-${person.name}`}>
            <form action={person.org ? orgAction : platformAction}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              {person.org && <input type="hidden" name="organization" value={person.org} />}
              {person.loginHint && (
                <input type="hidden" name="loginHint" value={person.loginHint} />
              )}
              <button
                type="submit"
                className="w-full rounded-md border border-slate-200 bg-white px-3 py-2 text-left hover:border-indigo-400"
              >
                <span className="block text-sm font-medium text-slate-900">{person.name}</span>
                <span className="block text-xs text-slate-500">
                  {person.description} · via {person.org ?? 'platform'}
                </span>
              </button>
            </form>
          </li>
        ))}
      </ul>
      {error && <ErrorText id="demo-error" text={error} />}
    </div>
  );
}

function ErrorText({ id, text }: { id: string; text: string }) {
  return (
    <p id={id} role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
      {text}
    </p>
  );
}
