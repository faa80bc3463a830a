import type { Organization } from '@/server/orgs/list-organizations';
import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';

/** The top of a deleted org's read-only page: what is gone and what stays. */
export function DeletedOrgHistory({ org }: { org: Organization }) {
  return (
    <div
      data-testid="org-status"
      className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-6 py-4 shadow-sm"
    >
      <StatusBadge status={org.status} />
      <p className="text-sm text-slate-700">
        Deleted
        {org.deletedAt && (
          <>
            {' '}
            <UtcTime value={org.deletedAt} />
          </>
        )}
        . Its zone, identity and Vault secret are gone; this page is read-only and keeps its
        history. The slug <span className="font-mono">{org.slug}</span> stays with it.
      </p>
    </div>
  );
}
