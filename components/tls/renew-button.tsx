'use client';

import { useActionState } from 'react';
import { renewCertificatesAction } from '@/app/orgs/[slug]/certificates/actions';
import { ActionFeedback } from '@/components/org-detail/action-feedback';
import { SubmitButton } from '@/components/ui/submit-button';
import type { Result } from '@/server/errors/domain-error';

/** "Renew now" for one cluster's certificate, or (no cluster) every certificate of the org. */
export function RenewButton({ orgSlug, cluster }: { orgSlug: string; cluster?: string }) {
  const [state, formAction, pending] = useActionState<Result<unknown> | null, FormData>(
    renewCertificatesAction,
    null,
  );
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="cluster" value={cluster ?? ''} />
      <div>
        <SubmitButton pending={pending} pendingLabel="Renewing…">
          {cluster ? `Renew ${cluster} now` : 'Renew all now'}
        </SubmitButton>
      </div>
      <ActionFeedback
        state={state}
        success="Renewed: the reconciler delivers the new certificate in place of the old one."
      />
    </form>
  );
}
