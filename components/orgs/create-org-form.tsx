'use client';

import { useActionState, useState } from 'react';
import { createOrganizationAction } from '@/app/orgs/actions';
import { Field } from '@/components/ui/field';
import { slugFromDisplayName } from '@/server/orgs/org-slug';
import type { CreateOrgFormState } from './create-org-form-state';
import { SubmitButton } from '@/components/ui/submit-button';
import { Card } from '@/components/ui/card';

export function CreateOrgForm({ baseDomain }: { baseDomain: string }) {
  const [state, formAction, pending] = useActionState<CreateOrgFormState, FormData>(
    createOrganizationAction,
    {},
  );
  const failure = state.result && !state.result.ok ? state.result.error : undefined;
  const created = state.result?.ok ? state.result.data : undefined;

  return (
    <Card
      id="create-org"
      title="Create organization"
      description={
        <>
          Each organization gets its own hosted zone under{' '}
          <span className="font-mono">{baseDomain}</span>.
        </>
      }
    >
      <form
        // A new key after each answer restores the submitted values on failure, clears on success.
        key={JSON.stringify(state)}
        action={formAction}
        noValidate
        aria-labelledby="create-org-title"
      >
        <FormFields baseDomain={baseDomain} state={state} />
        {failure && !failure.fields && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {failure.message}
          </p>
        )}
        {created && (
          <p
            role="status"
            className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          >
            Created <strong>{created.displayName}</strong>. Its zone{' '}
            <span className="font-mono">
              {created.slug}.{baseDomain}
            </span>{' '}
            is waiting to be provisioned.
          </p>
        )}
        <div className="mt-6 flex justify-end">
          <SubmitButton pending={pending} pendingLabel="Creating…">
            Create organization
          </SubmitButton>
        </div>
      </form>
    </Card>
  );
}

function FormFields({ baseDomain, state }: { baseDomain: string; state: CreateOrgFormState }) {
  const fields = state.result && !state.result.ok ? state.result.error.fields : undefined;
  const [displayName, setDisplayName] = useState(state.submitted?.displayName ?? '');
  const [slug, setSlug] = useState(state.submitted?.slug ?? '');
  const effectiveSlug = slug || slugFromDisplayName(displayName);
  return (
    <div className="mt-5 grid gap-5 sm:grid-cols-2">
      <Field
        name="displayName"
        label="Display name"
        placeholder="Acme Corp"
        autoComplete="off"
        required
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        errors={fields?.displayName}
      />
      <Field
        name="slug"
        label="Slug"
        placeholder={slugFromDisplayName(displayName) || 'acme-corp'}
        autoComplete="off"
        spellCheck={false}
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        hint={`Lower-case letters, digits and hyphens; leave empty to derive it. Zone: ${
          effectiveSlug || '<slug>'
        }.${baseDomain}`}
        errors={fields?.slug}
      />
    </div>
  );
}
