import { setGcPinAction } from '@/app/gc/actions';
import { formatUsd } from '@/components/cost/format-usd';
import { ColumnHeaders } from '@/components/ui/column-headers';
import { UtcTime } from '@/components/ui/utc-time';
import type { PlannedZone } from '@/server/gc/gc-queue-view';
import { ForceCollectionForm } from './force-collection-form';
import { GcActionButton } from './gc-action-button';

const COLUMNS = ['Organization', 'Zone', 'Plan', 'When', 'Saves', 'Reason', 'Actions'];
const ACTION_WORDS: Record<PlannedZone['action'], string> = {
  'delete-now': 'delete now',
  schedule: 'schedule deletion',
  keep: 'keep',
  cancel: 'cancel deletion',
};

/**
 * The dry run: the planner's decision for every live zone at the time asked about, written
 * nowhere. Pin, unpin and force act now, whatever time the plan is shown for.
 */
export function GcPlanTable({ plan }: { plan: PlannedZone[] }) {
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="min-w-full text-sm" aria-label="Dry run">
        <ColumnHeaders columns={COLUMNS} />
        <tbody className="divide-y divide-slate-100 align-top">
          {plan.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="py-4 text-slate-500">
                No live zone to plan for.
              </td>
            </tr>
          )}
          {plan.map((p) => (
            <tr key={p.zoneId} data-org-slug={p.org} data-plan-action={p.action}>
              <td className="py-2 pr-4 font-mono">
                {p.org}
                {p.pinned && <span className="block text-xs font-sans text-amber-700">pinned</span>}
              </td>
              <td className="py-2 pr-4">
                <span className="block font-mono">{p.zoneName}</span>
                <span className="block font-mono text-xs text-slate-500">{p.zoneId}</span>
              </td>
              <td className="py-2 pr-4 whitespace-nowrap">
                {ACTION_WORDS[p.action]}
                {p.needsApproval && (
                  <span className="block text-xs text-slate-500">needs approval</span>
                )}
              </td>
              <td className="py-2 pr-4">{p.at ? <UtcTime value={p.at} /> : '—'}</td>
              <td className="py-2 pr-4 tabular-nums">
                {p.action === 'keep' || p.action === 'cancel' ? '—' : formatUsd(p.savesUsd)}
              </td>
              <td className="max-w-md py-2 pr-4 text-slate-700">{p.reason}</td>
              <td className="py-2">
                <div className="flex flex-wrap gap-2">
                  <GcActionButton
                    action={setGcPinAction}
                    fields={{ org: p.org, pinned: p.pinned ? 'false' : 'true' }}
                    label={p.pinned ? 'Unpin' : 'Pin'}
                    pendingLabel={p.pinned ? 'Unpinning…' : 'Pinning…'}
                    accessibleName={`${p.pinned ? 'Unpin' : 'Pin'} ${p.org}`}
                  />
                  <ForceCollectionForm org={p.org} zoneName={p.zoneName} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
