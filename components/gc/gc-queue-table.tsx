import { approveGcDecisionAction, cancelGcDecisionAction } from '@/app/gc/actions';
import { formatUsd } from '@/components/cost/format-usd';
import { ColumnHeaders } from '@/components/ui/column-headers';
import { UtcTime } from '@/components/ui/utc-time';
import type { QueuedDecision } from '@/server/gc/gc-queue-view';
import { ApproveAllForm } from './approve-all-form';
import { GcActionButton } from './gc-action-button';

const COLUMNS = ['Organization', 'Zone', 'Decision', 'When', 'Saves', 'Reason', 'Actions'];

/** The open decisions of the queue: what waits for approval, what is scheduled, what runs. */
export function GcQueueTable({ queue }: { queue: QueuedDecision[] }) {
  const proposed = queue.filter((d) => d.status === 'proposed');
  return (
    <div className="mt-4 flex flex-col gap-3">
      {proposed.length > 0 && <ApproveAllForm decisionIds={proposed.map((d) => d.decisionId)} />}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" aria-label="Queue">
          <ColumnHeaders columns={COLUMNS} />
          <tbody className="divide-y divide-slate-100 align-top">
            {queue.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="py-4 text-slate-500">
                  Nothing in the queue: no zone is due for collection.
                </td>
              </tr>
            )}
            {queue.map((d) => (
              <tr key={d.decisionId} data-org-slug={d.org} data-decision-status={d.status}>
                <td className="py-2 pr-4 font-mono">{d.org}</td>
                <td className="py-2 pr-4">
                  <span className="block font-mono">{d.zoneName}</span>
                  <span className="block font-mono text-xs text-slate-500">{d.zoneId}</span>
                </td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  {d.action === 'delete-now' ? 'delete now' : 'scheduled deletion'}
                  <span className="block text-xs text-slate-500">{d.status}</span>
                </td>
                <td className="py-2 pr-4">{d.at ? <UtcTime value={d.at} /> : '—'}</td>
                <td className="py-2 pr-4 tabular-nums">
                  {d.savesUsd === null ? '—' : formatUsd(d.savesUsd)}
                </td>
                <td className="max-w-md py-2 pr-4 text-slate-700">
                  {d.reason}
                  {d.lastError && <span className="block text-red-700">{d.lastError}</span>}
                </td>
                <td className="py-2">
                  <div className="flex flex-wrap gap-2">
                    {d.status === 'proposed' && (
                      <GcActionButton
                        action={approveGcDecisionAction}
                        fields={{ org: d.org, decisionId: d.decisionId }}
                        label="Approve"
                        pendingLabel="Approving…"
                        accessibleName={`Approve the deletion of ${d.zoneName}`}
                        tone="primary"
                      />
                    )}
                    {d.status !== 'executing' && (
                      <GcActionButton
                        action={cancelGcDecisionAction}
                        fields={{ org: d.org }}
                        label="Cancel"
                        pendingLabel="Cancelling…"
                        accessibleName={`Cancel the deletion of ${d.zoneName}`}
                      />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
