import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import type { RecordOwnership } from '@/server/hostnames/hostname-query';
import type { HostnameRow } from '@/server/hostnames/search-hostnames';

// Orphans lead: they are the dangling-DNS risk and what keeps a zone from being collected.
const ORDER: RecordOwnership[] = ['orphan', 'conflict', 'stale', 'owned', 'unmanaged'];
const SHOWN_ORPHANS = 5;

/** The org page's view of its hostname map: counts per status, and the first orphans. */
export function HostnameSummaryCard({
  orgSlug,
  counts,
  orphans,
}: {
  orgSlug: string;
  counts: Record<RecordOwnership, number>;
  orphans: HostnameRow[];
}) {
  const base = `/orgs/${orgSlug}/hostnames`;
  return (
    <Card
      id="hostname-summary"
      title="Hostnames"
      description="The records in this organization's zone by owner status, as last synced."
    >
      <ul className="mt-4 flex flex-wrap gap-3" data-testid="hostname-summary">
        {ORDER.map((status) => (
          <li key={status}>
            <Link
              href={`${base}?status=${status}`}
              className="flex items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-50"
            >
              <StatusBadge status={status} />
              <span className="text-sm tabular-nums text-slate-900">
                {counts[status].toLocaleString('en-US')}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {orphans.length > 0 && (
        <ul className="mt-4 divide-y divide-slate-100 text-sm" data-testid="orphan-list">
          {orphans.slice(0, SHOWN_ORPHANS).map((row) => (
            <li key={row.id} className="py-2">
              <span className="font-mono text-xs text-slate-900">
                {row.name} {row.type}
              </span>
              {row.reason && <span className="block text-xs text-slate-500">{row.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      <Link
        href={base}
        className="mt-4 inline-block text-sm font-medium text-indigo-600 hover:underline"
      >
        Open the hostname map
      </Link>
    </Card>
  );
}
