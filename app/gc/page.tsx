import type { Metadata } from 'next';
import { connection } from 'next/server';
import { requireOperatorPage } from '@/app/_lib/require-operator-page';
import { PageHeader } from '@/components/layout/page-header';
import { AsOfForm } from '@/components/cost/as-of-form';
import { GcModeForm } from '@/components/gc/gc-mode-form';
import { GcPlanTable } from '@/components/gc/gc-plan-table';
import { GcQueueTable } from '@/components/gc/gc-queue-table';
import { PinRequests } from '@/components/gc/pin-requests';
import { RecentDecisions } from '@/components/gc/recent-decisions';
import { Card } from '@/components/ui/card';
import { UtcTime } from '@/components/ui/utc-time';
import { parseAsOfTime } from '@/server/billing/parse-as-of-time';
import { DomainError } from '@/server/errors/domain-error';
import { gcQueueView } from '@/server/gc/gc-queue-view';
import { getStore } from '@/server/store';

export const metadata: Metadata = { title: 'Collector' };

export default async function CollectorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Rendered per request: the queue and the plan are read from the store at this moment.
  await connection();
  await requireOperatorPage('gc.approve');
  const raw = (await searchParams).at;
  const asked = typeof raw === 'string' ? raw : undefined;
  const now = new Date();
  let planAt = now;
  let atError: string | undefined;
  try {
    planAt = parseAsOfTime(asked, () => now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    atError = `${error.message} Showing the plan for now instead.`;
  }
  const view = await gcQueueView(await getStore(), { now, planAt });
  const minutes = (ms: number) =>
    ms >= 3_600_000
      ? `${Math.round(ms / 360_000) / 10} h`
      : ms >= 60_000
        ? `${Math.round(ms / 60_000)} min`
        : `${Math.round(ms / 1000)} s`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Collector"
        description="Zones of organizations with no running cluster are deleted when it costs least: inside their 12-hour free window, or just before the next 1st 00:00 UTC. Every change here is audited."
      />
      <Card id="gc-mode" title="Mode">
        <GcModeForm mode={view.settings.mode} source={view.modeSource} />
        <p className="mt-2 text-sm text-slate-500">
          Grace period {minutes(view.settings.gracePeriodMs)} without a running cluster; safety
          margin {minutes(view.settings.safetyMarginMs)}; teardown uses up to{' '}
          {view.settings.route53RequestsPerSecond} Route 53 requests/s.
        </p>
      </Card>
      <Card
        id="gc-queue"
        title="Queue"
        description="Deletions the collector has decided on. In manual mode each waits for an approval; an approval of a decision the plan no longer gives is refused as stale."
      >
        <GcQueueTable queue={view.queue} />
      </Card>
      <Card
        id="gc-pins"
        title="Pins"
        description="A pinned organization's zone is never collected."
      >
        <PinRequests requests={view.pinRequests} pinned={view.pinned} />
      </Card>
      <Card
        id="gc-dry-run"
        title="Dry run of the whole plan"
        description={
          <>
            The planner&apos;s decision for every live zone as of{' '}
            <span data-testid="plan-at">
              <UtcTime value={view.planAt} />
            </span>
            , written nowhere. Ask for another time to see what it would decide then.
          </>
        }
      >
        <div className="mt-3">
          <AsOfForm
            action="/gc"
            value={asked ?? ''}
            error={atError}
            label="Plan as of (UTC)"
            submitLabel="Dry run"
          />
        </div>
        <GcPlanTable plan={view.plan} />
      </Card>
      <Card id="gc-recent" title="Recent decisions">
        <RecentDecisions recent={view.recent} />
      </Card>
    </div>
  );
}
