'use client';

import { deleteOrganizationAction } from '@/app/orgs/[slug]/actions';
import { Card } from '@/components/ui/card';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';
import { DeleteOrgForm } from './delete-org-form';
import { useOrgAction } from './use-org-action';

/**
 * The bottom of the org page: what cannot be undone. Stays mounted while the org exists, so the
 * answer to a deletion request stays after the form itself is gone.
 */
export function DangerZone({ view, mayDelete }: { view: OrgStatusView; mayDelete: boolean }) {
  const remove = useOrgAction(deleteOrganizationAction, view.slug);
  const available = mayDelete && view.desiredState === 'present';
  if (!available && remove[0] === null) return null;
  return (
    <Card
      id="danger-zone"
      title="Danger zone"
      tone="danger"
      description="What happens here cannot be undone."
    >
      <div className="mt-4">
        <DeleteOrgForm orgSlug={view.slug} control={remove} available={available} />
      </div>
    </Card>
  );
}
