'use client';

import { redeployClusterAction, setClusterStatusAction } from '@/app/orgs/[slug]/clusters/actions';
import { ActionFeedback } from '@/components/org-detail/action-feedback';
import { Card } from '@/components/ui/card';
import { SelectField } from '@/components/ui/select-field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ClusterRowView } from '@/server/clusters/cluster-view';
import { useClusterAction } from './use-cluster-action';

const STATUSES = [
  { value: 'pending', label: 'pending' },
  { value: 'running', label: 'running' },
  { value: 'stopped', label: 'stopped' },
];

/** Redeploy and a status set by hand, for admins and operators. */
export function ClusterControls({ slug, cluster }: { slug: string; cluster: ClusterRowView }) {
  const [redeployState, redeploy, redeploying] = useClusterAction(
    redeployClusterAction,
    slug,
    cluster.name,
  );
  const [statusState, setStatus, settingStatus] = useClusterAction(
    setClusterStatusAction,
    slug,
    cluster.name,
  );
  const connected = cluster.connection === 'kubeconfig';
  return (
    <Card id="cluster-controls" title="Actions">
      <div className="mt-4 flex min-w-0 flex-col gap-6">
        {connected && (
          <form action={redeploy} className="flex min-w-0 flex-col gap-2">
            <input type="hidden" name="orgSlug" value={slug} />
            <input type="hidden" name="name" value={cluster.name} />
            <div className="flex flex-wrap items-center gap-3">
              <SubmitButton pending={redeploying} pendingLabel="Requesting…">
                Redeploy ExternalDNS
              </SubmitButton>
              <p className="text-sm text-slate-500">
                Applies the bundle with the org&apos;s current key again now and waits for the
                rollout.
              </p>
            </div>
            <ActionFeedback
              state={redeployState}
              success="Redeploy requested: the reconciler applies the bundle now; the state above follows."
            />
          </form>
        )}
        <form
          action={setStatus}
          aria-labelledby="set-status-title"
          className="flex min-w-0 flex-col gap-2"
        >
          <h3 id="set-status-title" className="text-sm font-semibold text-slate-900">
            Set the status by hand
          </h3>
          <p className="text-sm text-slate-500">
            For a platform that does not report it; recorded as reported now, with your name in the
            audit trail.
          </p>
          <input type="hidden" name="orgSlug" value={slug} />
          <input type="hidden" name="name" value={cluster.name} />
          <div className="flex flex-wrap items-end gap-3">
            <div className="w-40">
              <SelectField
                name="status"
                label="Status"
                options={STATUSES}
                defaultValue={cluster.status === 'deleted' ? 'stopped' : cluster.status}
                errors={
                  statusState && !statusState.ok ? statusState.error.fields?.status : undefined
                }
              />
            </div>
            <SubmitButton pending={settingStatus} pendingLabel="Saving…">
              Set status
            </SubmitButton>
          </div>
          <ActionFeedback
            state={statusState}
            success={`Status set${statusState?.ok ? ` to ${statusState.data.status}` : ''}.`}
          />
        </form>
      </div>
    </Card>
  );
}
