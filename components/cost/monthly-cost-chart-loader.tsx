'use client';

import dynamic from 'next/dynamic';
import type { MonthCost } from '@/server/billing/cost-overview';

// The chart library is large: it is fetched only when this page renders the chart, so no other
// page's first load carries it. The table next to it shows the figures meanwhile.
const MonthlyCostChart = dynamic(() => import('./monthly-cost-chart'), {
  ssr: false,
  loading: () => <div className="h-72 w-full animate-pulse rounded-md bg-slate-100" />,
});

export function MonthlyCostChartLoader({ months }: { months: MonthCost[] }) {
  return <MonthlyCostChart months={months} />;
}
