'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MonthCost } from '@/server/billing/cost-overview';
import { formatUsd } from './format-usd';
import { monthLabel } from './month-label';

/**
 * Charged and saved, month by month, with next month's projection in its own colour. Loaded only
 * on the cost page (see monthly-cost-chart-loader.tsx); the table beside it holds the same figures
 * for screen readers and for anyone who prefers numbers. No animation: the figures show at once,
 * for a person who prefers reduced motion as for a screenshot.
 */
export default function MonthlyCostChart({ months }: { months: MonthCost[] }) {
  const data = months.map((m) => ({
    month: monthLabel(m.month),
    charged: m.projected ? null : m.chargedUsd,
    projected: m.projected ? m.chargedUsd : null,
    saved: m.savedUsd,
  }));
  return (
    <div data-testid="monthly-cost-chart" aria-hidden className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => formatUsd(v)} tick={{ fontSize: 12 }} width={64} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatUsd(v) : String(v))} />
          <Legend />
          <Bar
            dataKey="charged"
            name="Charged"
            stackId="cost"
            fill="#4f46e5"
            isAnimationActive={false}
          />
          <Bar
            dataKey="projected"
            name="Projected"
            stackId="cost"
            fill="#a5b4fc"
            isAnimationActive={false}
          />
          <Bar
            dataKey="saved"
            name="Saved by the collector"
            fill="#10b981"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
