'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { ColumnHeaders, WIDE_ONLY } from '@/components/ui/column-headers';
import { Identifier } from '@/components/ui/identifier';
import { StatusBadge } from '@/components/ui/status-badge';
import { Truncated } from '@/components/ui/truncated';
import { UtcTime } from '@/components/ui/utc-time';
import { useOrgList, type OrgList } from './use-org-list';

/**
 * The organization list, its statuses kept current by polling. `empty`: what to say when there
 * is no organization to list, which depends on who is asking.
 */
export function OrgTable({
  title,
  toggle,
  initial,
  includeDeleted,
  baseDomain,
  empty,
}: {
  title: string;
  /** A link next to the title (show or hide deleted orgs), for who may use it. */
  toggle?: ReactNode;
  initial: OrgList;
  includeDeleted: boolean;
  baseDomain: string;
  empty: { title: string; hint: ReactNode };
}) {
  const query = useOrgList(initial, includeDeleted);
  const { orgs } = query.data;
  return (
    <section aria-labelledby="org-list-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="org-list-title" className="text-base font-semibold text-slate-900">
          {title} <span className="font-normal text-slate-500">({orgs.length})</span>
        </h2>
        {toggle}
      </div>
      {query.error && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Showing the list as of the last successful update: {query.error.message}
        </p>
      )}
      {orgs.length === 0 ? (
        <div
          data-testid="no-organizations"
          className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
        >
          <p className="text-sm font-medium text-slate-900">{empty.title}</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-slate-500">{empty.hint}</p>
        </div>
      ) : (
        // Scrolls sideways inside its own box on a narrow screen; the page itself never does.
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table
            className="min-w-full divide-y divide-slate-200 text-sm"
            aria-label="Organizations"
          >
            <ColumnHeaders
              columns={['Organization', 'Hosted zone', 'Status', 'Created']}
              look="boxed"
              // A phone keeps name and status; the zone is the slug under the base domain.
              wideOnly={['Hosted zone', 'Created']}
            />
            <tbody className="divide-y divide-slate-100">
              {orgs.map((org) => (
                <tr key={org.id} data-org-slug={org.slug} className="hover:bg-slate-50">
                  <td className="px-5 py-3">
                    <Link
                      href={`/orgs/${org.slug}`}
                      className="block font-medium text-slate-900 hover:text-indigo-600 hover:underline"
                    >
                      <Truncated
                        value={org.displayName}
                        className="max-w-[11rem] sm:max-w-[18rem]"
                      />
                    </Link>
                    <Truncated
                      value={org.slug}
                      className="max-w-[11rem] font-mono text-xs text-slate-500 sm:max-w-[18rem]"
                    />
                  </td>
                  <td className={`min-w-[12rem] px-5 py-3 text-slate-700 ${WIDE_ONLY}`}>
                    <Identifier value={`${org.slug}.${baseDomain}`} />
                  </td>
                  <td className="px-5 py-3">
                    <StatusBadge status={org.status} />
                    {org.deletedAt && (
                      <div className="mt-1 text-xs text-slate-500">
                        <UtcTime value={new Date(org.deletedAt)} />
                      </div>
                    )}
                  </td>
                  <td className={`px-5 py-3 text-slate-600 ${WIDE_ONLY}`}>
                    <UtcTime value={new Date(org.createdAt)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
