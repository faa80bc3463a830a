import { ColumnHeaders } from '@/components/ui/column-headers';
import { UtcTime } from '@/components/ui/utc-time';
import type { QueuedDecision } from '@/server/gc/gc-queue-view';

/** What became of the latest decisions: collected, cancelled (and why), failed (and why). */
export function RecentDecisions({ recent }: { recent: QueuedDecision[] }) {
  if (recent.length === 0) {
    return <p className="mt-3 text-sm text-slate-500">Nothing has been decided yet.</p>;
  }
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="min-w-full text-sm" aria-label="Recent decisions">
        <ColumnHeaders columns={['Organization', 'Zone', 'Outcome', 'When', 'Reason']} />
        <tbody className="divide-y divide-slate-100 align-top">
          {recent.map((d) => (
            <tr key={d.decisionId} data-org-slug={d.org} data-decision-status={d.status}>
              <td className="py-2 pr-4 font-mono">{d.org}</td>
              <td className="py-2 pr-4 font-mono">{d.zoneName}</td>
              <td className="py-2 pr-4">{d.status === 'done' ? 'collected' : d.status}</td>
              <td className="py-2 pr-4">
                <UtcTime value={d.updatedAt} />
              </td>
              <td className="max-w-md py-2 text-slate-700">
                {d.reason}
                {d.lastError && <span className="block text-red-700">{d.lastError}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
