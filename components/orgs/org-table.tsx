import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Organization } from '@/server/orgs/list-organizations';
import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import { ColumnHeaders } from '@/components/ui/column-headers';

/** `empty`: what to say when there is no organization to list, which depends on who is asking. */
export function OrgTable({
  orgs,
  baseDomain,
  empty,
}: {
  orgs: Organization[];
  baseDomain: string;
  empty: { title: string; hint: ReactNode };
}) {
  if (orgs.length === 0) {
    return (
      <div
        data-testid="no-organizations"
        className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
      >
        <p className="text-sm font-medium text-slate-900">{empty.title}</p>
        <p className="mx-auto mt-1 max-w-xl text-sm text-slate-500">{empty.hint}</p>
      </div>
    );
  }
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Organizations">
        <ColumnHeaders
          columns={['Organization', 'Hosted zone', 'Status', 'Created']}
          look="boxed"
        />
        <tbody className="divide-y divide-slate-100">
          {orgs.map((org) => (
            <tr key={org.id} data-org-slug={org.slug} className="hover:bg-slate-50">
              <td className="px-5 py-3">
                <Link
                  href={`/orgs/${org.slug}`}
                  className="font-medium text-slate-900 hover:text-indigo-600 hover:underline"
                >
                  {org.displayName}
                </Link>
                <div className="font-mono text-xs text-slate-500">{org.slug}</div>
              </td>
              <td className="px-5 py-3 font-mono text-slate-700">
                {org.slug}.{baseDomain}
              </td>
              <td className="px-5 py-3">
                <StatusBadge status={org.status} />
              </td>
              <td className="px-5 py-3 text-slate-600">
                <UtcTime value={org.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
