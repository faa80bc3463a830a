import { ColumnHeaders } from '@/components/ui/column-headers';
import type { MonthCost } from '@/server/billing/cost-overview';
import { formatUsd } from './format-usd';
import { monthLabel } from './month-label';

/** The chart's figures as a table: what a screen reader reads, and the exact amounts. */
export function MonthlyCostTable({ months }: { months: MonthCost[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" aria-label="Cost by month">
        <ColumnHeaders columns={['Month (UTC)', 'Charged', 'Saved by the collector']} />
        <tbody className="divide-y divide-slate-100">
          {months.map((m) => (
            <tr key={m.month} data-month={m.month}>
              <th scope="row" className="py-2 pr-4 text-left font-normal">
                {monthLabel(m.month)}
                {m.projected && <span className="text-slate-500"> (projected)</span>}
              </th>
              <td className="py-2 pr-4 tabular-nums">{formatUsd(m.chargedUsd)}</td>
              <td className="py-2 tabular-nums">{formatUsd(m.savedUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
