'use client';

import { retryProvisioningAction, rotateAccessKeyAction } from '@/app/orgs/[slug]/actions';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';
import { Card } from '@/components/ui/card';
import { RequestButton } from './request-button';
import { useOrgAction } from './use-org-action';

/** What the caller's role allows (server/auth/permissions.ts), decided on the server. */
export interface OrgPermissions {
  retry: boolean;
  rotate: boolean;
  delete: boolean;
  /** Delete a rotated-out key that clusters still run on (platform operators). */
  forceRetire: boolean;
}

// A control shows when the role holds its permission and the org is in a state where it applies
// (the server checks both again). Its answer follows the org's state: "requested" while the work
// runs, then what came of it, so no message outlives what it says. The action states live here,
// above the controls that come and go.
export function OrgControls({
  view,
  permissions,
}: {
  view: OrgStatusView;
  permissions: OrgPermissions;
}) {
  const retry = useOrgAction(retryProvisioningAction, view.slug);
  const rotate = useOrgAction(rotateAccessKeyAction, view.slug);

  const present = view.desiredState === 'present';
  const rotating = view.keyRotation || view.identity?.status === 'rotating';
  const available = {
    retry: permissions.retry && view.steps.some((s) => s.status === 'failed'),
    // Not while the previous rotation's old key waits for clusters: IAM allows no third key.
    rotate:
      permissions.rotate && present && view.status === 'ready' && !rotating && !view.rotationHold,
  };
  const shown = {
    retry: available.retry || retry[0] !== null,
    rotate: available.rotate || rotate[0] !== null,
  };
  if (!shown.retry && !shown.rotate) return null;
  return (
    <Card id="controls" title="Actions">
      <div className="mt-4 flex flex-col gap-4">
        {shown.retry && (
          <RequestButton
            orgSlug={view.slug}
            control={retry}
            available={available.retry}
            label="Retry now"
            pendingLabel="Asking…"
            success={
              view.status === 'ready'
                ? 'Retried: every step is done now.'
                : 'Retry requested: the failed step is tried again now.'
            }
            description="Try the failed step now instead of at its scheduled time."
          />
        )}
        {shown.rotate && (
          <RequestButton
            orgSlug={view.slug}
            control={rotate}
            available={available.rotate}
            label="Rotate access key"
            pendingLabel="Requesting…"
            success={
              rotating
                ? 'Rotation requested: a new key is made, stored in Vault and verified before the old one is deleted.'
                : view.rotationHold
                  ? `The key ${view.identity?.accessKeyId ?? ''} is verified and in Vault; the old key is deleted once every connected cluster holds the new one.`
                  : `Rotated: the key ${view.identity?.accessKeyId ?? ''} is verified and in Vault; the old key is deleted.`
            }
            description="A new key replaces the current one; there is no moment without a working key."
          />
        )}
      </div>
    </Card>
  );
}
