import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageHeader } from '@/components/layout/page-header';
import { AsOfForm } from '@/components/cost/as-of-form';
import { CostTotals } from '@/components/cost/cost-totals';
import { MonthlyCostChartLoader } from '@/components/cost/monthly-cost-chart-loader';
import { MonthlyCostTable } from '@/components/cost/monthly-cost-table';
import { OrgCostTable } from '@/components/cost/org-cost-table';
import { Card } from '@/components/ui/card';
import { UtcTime } from '@/components/ui/utc-time';
import { costOverview } from '@/server/billing/cost-overview';
import { parseAsOfTime } from '@/server/billing/parse-as-of-time';
import { DomainError } from '@/server/errors/domain-error';
import { getStore } from '@/server/store';
import { requireOperatorPage } from '@/app/_lib/require-operator-page';

export const metadata: Metadata = { title: 'Cost' };

export default async function CostPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Rendered per request: the figures come from the store as of now (or the time asked about).
  await connection();
  await requireOperatorPage('cost.read');
  const raw = (await searchParams).at;
  const asked = typeof raw === 'string' ? raw : undefined;
  let at = new Date();
  let atError: string | undefined;
  try {
    at = parseAsOfTime(asked);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    atError = `${error.message} Showing now instead.`;
  }
  const overview = await costOverview(await getStore(), at);
  const csvHref = `/api/cost/csv${asked && !atError ? `?at=${encodeURIComponent(asked)}` : ''}`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Cost"
        subtitle={
          <span data-testid="cost-as-of">
            As of <UtcTime value={at} />
          </span>
        }
        description="What every hosted zone costs under Route 53's billing: charged on creation and on every 1st in UTC, never prorated, free if deleted within 12 hours; and what the collector saved."
        aside={
          <a
            href={csvHref}
            download
            className="text-sm font-medium text-indigo-600 hover:underline"
          >
            Download CSV
          </a>
        }
      />
      <AsOfForm action="/cost" value={asked ?? ''} error={atError} />
      <CostTotals total={overview.total} />
      <Card
        id="monthly-cost"
        title="Month by month"
        description="The last twelve months in UTC, and next month as projected if every zone that exists now still exists then."
      >
        <div className="mt-4 grid gap-6 lg:grid-cols-[2fr_1fr]">
          <MonthlyCostChartLoader months={overview.months} />
          <MonthlyCostTable months={overview.months} />
        </div>
      </Card>
      <OrgCostTable overview={overview} />
    </div>
  );
}
