'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { createOrganizationAction } from '@/app/orgs/actions';
import { refreshLiveData } from '@/components/live/use-live-data';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_LABEL_LENGTH,
  explainSlugProblem,
  slugFromDisplayName,
  suggestSlug,
} from '@/server/orgs/org-slug';
import type { CreateOrgFormState } from './create-org-form-state';
import { ORG_LIST_KEY } from './use-org-list';

export function CreateOrgForm({ baseDomain }: { baseDomain: string }) {
  const [state, formAction, pending] = useActionState<CreateOrgFormState, FormData>(
    async (previous, formData) => {
      const next = await createOrganizationAction(previous, formData);
      // The new org joins the live list now, not at its next poll.
      if (next.result?.ok) await refreshLiveData(ORG_LIST_KEY);
      return next;
    },
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
        className="mt-5 flex flex-col gap-4"
      >
        <FormFields baseDomain={baseDomain} state={state} />
        {failure && !failure.fields && <FormError>{failure.message}</FormError>}
        {created && (
          <FormSuccess>
            Created{' '}
            <Link
              href={`/orgs/${created.slug}`}
              className="font-semibold underline hover:text-emerald-950"
            >
              {created.displayName}
            </Link>
            . Its zone{' '}
            <span className="font-mono">
              {created.slug}.{baseDomain}
            </span>{' '}
            is being provisioned; its page follows the progress live.
          </FormSuccess>
        )}
        <div className="flex justify-end">
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
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <Field
        name="displayName"
        label="Display name"
        placeholder="Acme Corp"
        autoComplete="off"
        required
        maxLength={MAX_DISPLAY_NAME_LENGTH}
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        hint={`At most ${MAX_DISPLAY_NAME_LENGTH} characters.`}
        errors={fields?.displayName}
      />
      <Field
        name="slug"
        label="Slug"
        placeholder={derivedSlug(displayName, baseDomain) ?? 'acme-corp'}
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_LABEL_LENGTH}
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        hint={slugHint(displayName, slug, baseDomain)}
        errors={fields?.slug}
      />
    </div>
  );
}

/** The slug an empty field stands for, when the display name makes a valid one by itself. */
function derivedSlug(displayName: string, baseDomain: string): string | null {
  const slug = slugFromDisplayName(displayName);
  return slug && !explainSlugProblem(slug, baseDomain) ? slug : null;
}

// What the slug field will do, in one sentence: only real suggestions, never one the server
// would then refuse.
function slugHint(displayName: string, slug: string, baseDomain: string): string {
  const rules = 'Lower-case letters, digits and hyphens, one DNS label.';
  if (slug) return `${rules} Zone: ${slug}.${baseDomain}`;
  if (!displayName.trim()) return `${rules} Leave empty to derive it from the display name.`;
  const derived = derivedSlug(displayName, baseDomain);
  if (derived) return `${rules} Leave empty to use ${derived} (zone ${derived}.${baseDomain}).`;
  const nearest = suggestSlug(displayName);
  return nearest
    ? `${rules} The display name does not make one by itself: type one, e.g. ${nearest}.`
    : `${rules} The display name does not make one by itself: type one.`;
}
