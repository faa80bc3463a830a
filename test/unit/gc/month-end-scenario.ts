// A dozen orgs with zones at the billing edges, planned at 23:00 UTC on the last day of a month.
import type { PlanCollectionInput } from '@/server/gc/plan-collection';

const t = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const MIN = 60_000;
export const MONTH_END_NOW = t('2026-12-31T23:00:00Z');
const ago = (ms: number) => new Date(MONTH_END_NOW.getTime() - ms);

type Case = {
  slug: string;
  orgCreated?: Date;
  zoneCreated: Date;
  records?: number;
  cluster?: {
    status: 'running' | 'stopped' | 'deleted' | 'pending';
    stoppedAt?: Date;
    createdAt?: Date;
  };
  pinned?: boolean;
  scheduledBefore?: boolean;
  /** An earlier zone of the org, deleted: the current one was created again after it. */
  previousZone?: { created: Date; deleted: Date };
};

export const MONTH_END_CASES: (Case & { expected: string })[] = [
  {
    slug: 'running',
    zoneCreated: t('2026-06-01T00:00:00Z'),
    cluster: { status: 'running' },
    expected: 'keep',
  },
  {
    slug: 'pinned',
    zoneCreated: t('2026-06-01T00:00:00Z'),
    cluster: { status: 'stopped', stoppedAt: t('2026-11-01T00:00:00Z') },
    pinned: true,
    expected: 'keep',
  },
  {
    slug: 'fresh',
    zoneCreated: ago(10 * MIN),
    cluster: { status: 'stopped', stoppedAt: t('2026-12-20T00:00:00Z') },
    expected: 'delete-now',
  },
  {
    slug: 'age-11h29',
    zoneCreated: ago(11 * HOUR + 29 * MIN),
    cluster: { status: 'deleted', stoppedAt: t('2026-12-01T00:00:00Z') },
    expected: 'delete-now',
  },
  {
    slug: 'age-11h31',
    zoneCreated: ago(11 * HOUR + 31 * MIN),
    cluster: { status: 'deleted', stoppedAt: t('2026-12-01T00:00:00Z') },
    expected: 'schedule',
  },
  {
    slug: 'age-12h01',
    zoneCreated: ago(12 * HOUR + MIN),
    cluster: { status: 'stopped', stoppedAt: t('2026-12-01T00:00:00Z') },
    expected: 'schedule',
  },
  {
    slug: 'new-org',
    orgCreated: ago(13 * HOUR),
    zoneCreated: ago(13 * HOUR - 5 * MIN),
    expected: 'keep',
  },
  {
    slug: 'just-stopped',
    zoneCreated: t('2026-10-01T00:00:00Z'),
    cluster: { status: 'stopped', stoppedAt: ago(11 * HOUR) },
    expected: 'keep',
  },
  {
    slug: 'long-idle',
    zoneCreated: t('2026-11-01T00:00:00Z'),
    records: 5_000,
    cluster: { status: 'stopped', stoppedAt: t('2026-12-01T00:00:00Z') },
    expected: 'schedule',
  },
  {
    slug: 'big-orphaned',
    zoneCreated: t('2026-09-01T00:00:00Z'),
    records: 20_000,
    cluster: { status: 'deleted', stoppedAt: t('2026-12-10T00:00:00Z') },
    expected: 'schedule',
  },
  {
    slug: 'came-back',
    zoneCreated: t('2026-09-01T00:00:00Z'),
    cluster: { status: 'running' },
    scheduledBefore: true,
    expected: 'cancel',
  },
  {
    slug: 'age-11h59',
    zoneCreated: ago(11 * HOUR + 59 * MIN),
    cluster: { status: 'deleted', stoppedAt: t('2026-12-01T00:00:00Z') },
    expected: 'schedule',
  },
  {
    slug: 'age-12h00',
    zoneCreated: ago(12 * HOUR),
    cluster: { status: 'deleted', stoppedAt: t('2026-12-01T00:00:00Z') },
    expected: 'schedule',
  },
  {
    slug: 'leap-day',
    zoneCreated: t('2024-02-29T23:50:00Z'),
    cluster: { status: 'stopped', stoppedAt: t('2026-12-01T00:00:00Z') },
    expected: 'schedule',
  },
  {
    slug: 'recreated',
    previousZone: { created: t('2026-11-01T00:00:00Z'), deleted: t('2026-12-05T10:00:00Z') },
    zoneCreated: ago(8 * HOUR),
    cluster: { status: 'stopped', stoppedAt: t('2026-12-05T00:00:00Z') },
    expected: 'delete-now',
  },
  {
    slug: 'nov-23h50',
    zoneCreated: t('2026-11-30T23:50:00Z'),
    cluster: { status: 'stopped', stoppedAt: t('2026-12-02T00:00:00Z') },
    expected: 'schedule',
  },
];

export function monthEndInput(): PlanCollectionInput {
  return {
    orgs: MONTH_END_CASES.map((c) => ({
      id: c.slug,
      slug: c.slug,
      createdAt: c.orgCreated ?? t('2026-01-01T00:00:00Z'),
    })),
    zones: MONTH_END_CASES.flatMap((c) => [
      ...(c.previousZone
        ? [
            {
              orgId: c.slug,
              zoneId: `Z-${c.slug}-old`,
              createdAt: c.previousZone.created,
              deletedAt: c.previousZone.deleted,
              recordCount: c.records ?? 40,
            },
          ]
        : []),
      {
        orgId: c.slug,
        zoneId: `Z-${c.slug}`,
        createdAt: c.zoneCreated,
        deletedAt: null,
        recordCount: c.records ?? 40,
      },
    ]),
    clusters: MONTH_END_CASES.flatMap((c) =>
      c.cluster === undefined
        ? []
        : [
            {
              orgId: c.slug,
              name: `${c.slug}-prod`,
              status: c.cluster.status,
              createdAt: c.cluster.createdAt ?? t('2026-01-02T00:00:00Z'),
              stoppedAt: c.cluster.stoppedAt ?? null,
            },
          ],
    ),
    settings: {
      gracePeriodMs: 24 * HOUR,
      safetyMarginMs: 30 * MIN,
      mode: 'manual',
      teardownCalls: { perZone: 6, perThousandRecords: 6 },
      route53RequestsPerSecond: 2,
    },
    pins: new Set(MONTH_END_CASES.filter((c) => c.pinned).map((c) => c.slug)),
    decisions: MONTH_END_CASES.filter((c) => c.scheduledBefore).map((c) => ({
      orgId: c.slug,
      zoneId: `Z-${c.slug}`,
      action: 'schedule' as const,
      status: 'scheduled' as const,
    })),
    otherAccountZones: 1,
    now: MONTH_END_NOW,
  };
}
