import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import type { StepFailureView, StepView } from '@/server/provisioning/org-status-view';
import { Card } from '@/components/ui/card';
import { ColumnHeaders } from '@/components/ui/column-headers';

const STEP_LABELS: Record<string, string> = {
  zone: 'Hosted zone',
  delegation: 'Delegation in the parent zone',
  policy: 'IAM policy',
  user: 'IAM user',
  'access-key': 'Access key, stored in Vault and verified',
  'teardown-identity-provider': 'Disable the sign-in and delete its secret',
  'teardown-delegation': 'Remove the delegation',
  'teardown-records': 'Delete the records',
  'teardown-zone': 'Delete the hosted zone',
  'teardown-keys': 'Delete the access keys',
  'teardown-policy': 'Delete the IAM policy',
  'teardown-user': 'Delete the IAM user',
  'teardown-vault': 'Delete the Vault secret',
};

export function stepLabel(step: string): string {
  return STEP_LABELS[step] ?? step;
}

export function ProvisioningSteps({ steps, deleting }: { steps: StepView[]; deleting: boolean }) {
  return (
    <Card
      id="steps"
      title={deleting ? 'Teardown' : 'Provisioning steps'}
      description={
        deleting
          ? 'The delegation goes first, so no name ever points at a deleted zone.'
          : 'Each step is resumable: a failed step is retried on its own, with growing pauses.'
      }
    >
      <div className="mt-4 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Steps">
          <ColumnHeaders columns={['Step', 'Status', 'Attempts', 'Details']} />
          <tbody className="divide-y divide-slate-100">
            {steps.map((step) => (
              <tr key={step.step} data-step={step.step}>
                <td className="py-2.5 pr-4 font-medium text-slate-900">{stepLabel(step.step)}</td>
                <td className="py-2.5 pr-4">
                  <StatusBadge status={step.status} />
                </td>
                <td className="py-2.5 pr-4 tabular-nums text-slate-600">{step.attempts}</td>
                <td className="py-2.5 text-slate-600">
                  <StepDetails step={step} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function StepDetails({ step }: { step: StepView }) {
  if (step.explanation) {
    return (
      <span className="flex flex-col gap-0.5">
        <span data-testid="step-error" className="text-red-800">
          {step.explanation}
        </span>
        {step.failure && <FailureSource failure={step.failure} />}
        {step.nextRetryAt && (
          <span className="text-xs text-slate-500">
            Next attempt: <UtcTime value={new Date(step.nextRetryAt)} />
          </span>
        )}
      </span>
    );
  }
  if (step.status === 'provisioning') return <>Working on it…</>;
  if (step.status === 'pending')
    return <span className="text-slate-400">Waiting for its turn</span>;
  return null;
}

/** Who answered what, as the adapter classified it: for an operator to look up or search logs. */
function FailureSource({ failure }: { failure: StepFailureView }) {
  const source = failure.service ? `${failure.service} ${failure.code}` : 'Zonekeeper';
  const outlook = failure.retryable ? 'clears on its own' : 'does not clear on its own';
  return (
    <span data-testid="step-error-source" className="text-xs text-slate-500">
      {source} · {failure.errorClass}, {outlook}
    </span>
  );
}
