import { StatusBadge } from '@/components/ui/status-badge';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';
import { stepLabel } from './provisioning-steps';

/** One sentence on where the organization stands, announced to screen readers as it changes. */
export function ProvisioningSummary({ view, live }: { view: OrgStatusView; live: boolean }) {
  return (
    <div
      data-testid="org-status"
      className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-6 py-4 shadow-sm"
    >
      {/* A rotation is its own state to a reader, not a first provisioning's last step. */}
      <StatusBadge status={view.keyRotation ? 'rotating' : view.status} />
      <p aria-live="polite" className="text-sm text-slate-700">
        {summarize(view)}
      </p>
      {live && (
        <span className="ml-auto flex items-center gap-1.5 text-xs text-slate-500">
          <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-sky-500" />
          Updating live
        </span>
      )}
    </div>
  );
}

function summarize(view: OrgStatusView): string {
  const total = view.steps.length;
  const index = view.steps.findIndex((s) => s.status !== 'ready');
  const current =
    index >= 0 ? `step ${index + 1} of ${total}: ${stepLabel(view.steps[index]!.step)}` : '';
  switch (view.status) {
    case 'pending':
      return 'Waiting for the reconciler to pick this organization up.';
    case 'provisioning':
      if (view.keyRotation) {
        return 'Rotating the access key: a new key is made, stored in Vault and verified; then the old one is deleted.';
      }
      return current ? `Provisioning, ${current}.` : 'Provisioning.';
    case 'ready':
      return 'Provisioned: the zone is delegated and the access key is verified.';
    case 'failed':
      return `Stopped at ${current || 'a step'}. It is retried on its own; see the steps below.`;
    case 'deleting':
      return current ? `Deleting, ${current}.` : 'Deleting.';
    case 'deleted':
      return 'Deleted.';
  }
}
