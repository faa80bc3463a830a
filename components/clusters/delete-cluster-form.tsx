'use client';

import Link from 'next/link';
import { deleteClusterAction } from '@/app/orgs/[slug]/clusters/actions';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useClusterAction } from './use-cluster-action';

/** Deletion, confirmed by typing the name, with what happens next spelled out before and after. */
export function DeleteClusterForm({
  slug,
  name,
  removalSteps,
}: {
  slug: string;
  name: string;
  removalSteps: string[];
}) {
  const [state, formAction, pending] = useClusterAction(deleteClusterAction, slug, name);
  const deleted = state?.ok ? state.data : undefined;
  return (
    <Card id="delete-cluster" title="Delete cluster" tone="danger">
      {deleted ? (
        <div role="status" className="mt-3 flex flex-col gap-2 text-sm text-slate-700">
          <p>
            <span className="font-mono">{deleted.name}</span> is deleted; its UID is never used
            again. What remains:
          </p>
          <ol className="list-decimal pl-5" aria-label="Remaining steps">
            {deleted.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <Link href={`/orgs/${slug}/clusters`} className="text-indigo-600 hover:underline">
            Back to the clusters
          </Link>
        </div>
      ) : (
        <form action={formAction} className="mt-3 flex min-w-0 flex-col gap-3">
          <p className="text-sm text-slate-600">After the deletion:</p>
          <ol className="list-decimal pl-5 text-sm text-slate-600" aria-label="What happens next">
            {removalSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <input type="hidden" name="orgSlug" value={slug} />
          <input type="hidden" name="name" value={name} />
          <div className="max-w-sm">
            <Field
              name="confirm"
              label={`Type ${name} to confirm`}
              autoComplete="off"
              spellCheck={false}
              maxLength={63}
              errors={state && !state.ok ? state.error.fields?.confirm : undefined}
            />
          </div>
          {state && !state.ok && !state.error.fields && (
            <FormError>{state.error.message}</FormError>
          )}
          <div>
            <SubmitButton pending={pending} pendingLabel="Deleting…" tone="danger">
              Delete cluster
            </SubmitButton>
          </div>
        </form>
      )}
    </Card>
  );
}
