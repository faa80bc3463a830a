import type { CostOverview } from '@/server/billing/cost-overview';
import { formatUsd } from './format-usd';

/** The account's figures at a glance. */
export function CostTotals({ total }: { total: CostOverview['total'] }) {
  const figures = [
    { id: 'zones', label: 'Zones', value: String(total.zones) },
    { id: 'this-month', label: 'This month', value: formatUsd(total.thisMonthUsd) },
    {
      id: 'next-month',
      label: 'Next month (projected)',
      value: formatUsd(total.projectedNextMonthUsd),
    },
    {
      id: 'saved-free-window',
      label: 'Saved: deleted inside the free window',
      value: formatUsd(total.savedInFreeWindowUsd),
    },
    {
      id: 'saved-before-first',
      label: 'Saved: deleted before a 1st',
      value: formatUsd(total.savedBeforeMonthStartUsd),
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {figures.map((figure) => (
        <div
          key={figure.id}
          data-testid={`total-${figure.id}`}
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        >
          <dt className="text-xs font-medium text-slate-500">{figure.label}</dt>
          <dd className="mt-1 text-xl font-semibold text-slate-900">{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}
