import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { UtcTime } from '@/components/ui/utc-time';
import type { OrgZoneCostView } from '@/server/billing/org-zone-cost-view';
import { formatUsd } from './format-usd';
import { PinRequestForm } from './pin-request-form';

/**
 * The org's zone under Route 53's billing: the free window left, this month's charge, the next
 * charge; and the collector's plan for it, or that it was collected and comes back.
 */
export function ZoneCostCard({
  orgSlug,
  view,
  now,
  pinControl,
}: {
  orgSlug: string;
  view: OrgZoneCostView;
  now: Date;
  /** An org admin asks for a pin; an operator pins on the Collector page; a viewer neither. */
  pinControl: 'request' | 'operator' | null;
}) {
  if (view.kind === 'none') return null;
  if (view.kind === 'collected') {
    return (
      <Card id="zone-cost" title="Zone cost">
        <p data-testid="zone-collected" className="mt-2 text-sm text-slate-700">
          {view.returning
            ? 'Zone collected — a cluster is registered or running, so the zone is coming back (a new zone, with a new delegation).'
            : 'Zone collected — it comes back when a cluster runs.'}
          {view.collectedAt && (
            <>
              {' '}
              Collected at <UtcTime value={view.collectedAt} />.
            </>
          )}
        </p>
      </Card>
    );
  }
  const { cost, collection } = view;
  const freeUntil = new Date(cost.freeUntil);
  const freeLeftMs = freeUntil.getTime() - now.getTime();
  return (
    <Card
      id="zone-cost"
      title="Zone cost"
      description="Route 53 charges a zone on creation and on every 1st (UTC), never prorated; a zone deleted within 12 hours of its creation is free."
    >
      <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Free window</dt>
          <dd data-testid="free-window" className="mt-0.5 text-slate-900">
            {freeLeftMs > 0 ? (
              <>
                {hoursAndMinutes(freeLeftMs)} left (until <UtcTime value={freeUntil} />)
              </>
            ) : (
              <>
                closed at <UtcTime value={freeUntil} />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">This month</dt>
          <dd data-testid="charged-this-month" className="mt-0.5 text-slate-900">
            {cost.chargedThisMonth
              ? `${formatUsd(cost.thisMonthUsd)} charged${freeLeftMs > 0 ? ' (waived if deleted inside the free window)' : ''}`
              : 'not charged'}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Next charge</dt>
          <dd data-testid="next-charge" className="mt-0.5 text-slate-900">
            {cost.nextChargeAt ? (
              <>
                {formatUsd(cost.nextChargeUsd)} at <UtcTime value={new Date(cost.nextChargeAt)} />
              </>
            ) : (
              'none'
            )}
          </dd>
        </div>
      </dl>
      {collection && (
        <p
          data-testid="zone-collection"
          className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {collection.action === 'schedule' ? 'Scheduled for deletion' : 'To be deleted'}
          {collection.at && (
            <>
              {' '}
              at <UtcTime value={collection.at} />
            </>
          )}{' '}
          (
          {collection.status === 'proposed'
            ? 'waiting for an operator’s approval'
            : collection.status}
          ) because: {collection.reason}
        </p>
      )}
      {view.pinned ? (
        <p data-testid="zone-pinned" className="mt-4 text-sm text-slate-600">
          Pinned by an operator: this zone is never collected.
        </p>
      ) : pinControl === 'request' ? (
        <PinRequestForm
          orgSlug={orgSlug}
          requestedAt={view.pinRequestedAt?.toISOString() ?? null}
        />
      ) : (
        pinControl === 'operator' && (
          <p className="mt-4 text-sm text-slate-600">
            {view.pinRequestedAt && 'An admin of this organization asked for a pin. '}
            Pin the zone, approve or cancel its deletion on the{' '}
            <Link href="/gc" className="font-medium text-indigo-600 hover:underline">
              Collector
            </Link>{' '}
            page.
          </p>
        )
      )}
    </Card>
  );
}

function hoursAndMinutes(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
