import type { AuditEvent } from '@/server/audit/list-audit-events';
import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import { Card } from '@/components/ui/card';
import { Identifier } from '@/components/ui/identifier';
import { Truncated } from '@/components/ui/truncated';
import { ColumnHeaders } from '@/components/ui/column-headers';

/** The org's latest audit events, newest first; null when the caller may not read them. */
export function AuditTrail({
  events,
  orgSlug,
  description,
}: {
  events: AuditEvent[] | null;
  orgSlug: string;
  /** Which events are shown: the latest few, or all of them. */
  description: string;
}) {
  return (
    <Card id="audit" title="Audit trail" description={description}>
      {events === null ? (
        <p className="mt-4 text-sm text-slate-500">
          Only admins of {orgSlug} and platform operators can read the audit trail.
        </p>
      ) : events.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">Nothing recorded yet.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Audit trail">
            <ColumnHeaders columns={['Time (UTC)', 'Actor', 'Action', 'Target', 'Outcome']} />
            <tbody className="divide-y divide-slate-100">
              {events.map((event) => (
                <tr key={event.id} data-audit-action={event.action}>
                  <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
                    <UtcTime value={event.occurredAt} />
                  </td>
                  <td className="py-2 pr-4 text-slate-700">
                    <Truncated value={event.actorLabel} className="max-w-[14rem]" />
                  </td>
                  {/* Short, fixed names: one line each. */}
                  <td className="whitespace-nowrap py-2 pr-4 font-mono text-xs text-slate-900">
                    {event.action}
                  </td>
                  <td className="min-w-[12rem] max-w-[24rem] py-2 pr-4 text-xs text-slate-700">
                    <Identifier value={event.target} />
                  </td>
                  <td className="py-2">
                    <StatusBadge status={event.outcome} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
