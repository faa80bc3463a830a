import Link from 'next/link';
import { ColumnHeaders } from '@/components/ui/column-headers';
import { Truncated } from '@/components/ui/truncated';
import type { CostOverview } from '@/server/billing/cost-overview';
import { formatUsd } from './format-usd';

const COLUMNS = [
  'Organization',
  'Zones',
  'This month',
  'Next month',
  'Saved (free window)',
  'Saved (before a 1st)',
];

/** Per org and in total; the CSV export holds the same lines. */
export function OrgCostTable({ overview }: { overview: CostOverview }) {
  const cells = (line: CostOverview['total']) => (
    <>
      <td className="px-5 py-3 tabular-nums">{line.zones}</td>
      <td className="px-5 py-3 tabular-nums">{formatUsd(line.thisMonthUsd)}</td>
      <td className="px-5 py-3 tabular-nums">{formatUsd(line.projectedNextMonthUsd)}</td>
      <td className="px-5 py-3 tabular-nums">{formatUsd(line.savedInFreeWindowUsd)}</td>
      <td className="px-5 py-3 tabular-nums">{formatUsd(line.savedBeforeMonthStartUsd)}</td>
    </>
  );
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table
        className="min-w-full divide-y divide-slate-200 text-sm"
        aria-label="Cost by organization"
      >
        <ColumnHeaders columns={COLUMNS} look="boxed" />
        <tbody className="divide-y divide-slate-100">
          {overview.orgs.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="px-5 py-6 text-center text-slate-500">
                No zone has been created yet.
              </td>
            </tr>
          )}
          {overview.orgs.map((line) => (
            <tr key={line.org} data-org-slug={line.org}>
              <th scope="row" className="px-5 py-3 text-left font-mono font-medium">
                <Link href={`/orgs/${line.org}`} className="hover:text-indigo-600 hover:underline">
                  <Truncated value={line.org} className="max-w-[14rem]" />
                </Link>
              </th>
              {cells(line)}
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold">
          <tr data-org-slug="total">
            <th scope="row" className="px-5 py-3 text-left">
              Total
            </th>
            {cells(overview.total)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
