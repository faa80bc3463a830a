// The reconciler's scheduled record sync: each pass lists the zones whose last sync is older than
// the interval syncSchedule chooses, oldest first, and only as many as the rate left for the sync
// allows in one pass, so that a thousand zones are spread over the interval instead of holding up
// provisioning while they are listed. The installation's Route 53 budget paces every call.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { getConfig } from '../config/config';
import { logger } from '../log/logger';
import type { LeaseGuard } from '../provisioning/lease-guard';
import {
  describeSyncSchedule,
  listCallsFor,
  syncSchedule,
  type SyncSchedule,
} from './sync-schedule';
import { syncZoneRecords } from './sync-zone-records';

export interface ScheduledZone {
  id: string;
  orgId: string;
  awsZoneId: string | null;
  recordCount: number;
  recordsSyncedAt: Date | null;
}

export interface ScheduledSyncPass {
  schedule: SyncSchedule;
  description: string;
  /** Route 53 ids of the zones this pass synced. */
  synced: string[];
  failed: string[];
}

/** The schedule for the installation as the store describes it now, with the zones it covers. */
export async function currentSyncSchedule(store: Store): Promise<{
  schedule: SyncSchedule;
  description: string;
  zones: ScheduledZone[];
}> {
  const config = getConfig();
  const { hostedZones: z, organizations: o, clusters: c } = store.t;
  const zones = await store.db
    .select({
      id: z.id,
      orgId: z.orgId,
      awsZoneId: z.awsZoneId,
      recordCount: z.recordCount,
      recordsSyncedAt: z.recordsSyncedAt,
    })
    .from(z)
    .innerJoin(o, and(eq(o.id, z.orgId), eq(o.generation, z.generation)))
    .where(and(eq(z.status, 'ready'), isNotNull(z.awsZoneId), isNull(z.deletedAt)));
  const live = await store.db.select({ orgId: c.orgId }).from(c).where(isNull(c.deletedAt));
  const clustersPerOrg = new Map<string, number>();
  for (const { orgId } of live) clustersPerOrg.set(orgId, (clustersPerOrg.get(orgId) ?? 0) + 1);
  const schedule = syncSchedule(
    zones.map((zone) => ({
      records: zone.recordCount,
      clusters: clustersPerOrg.get(zone.orgId) ?? 0,
    })),
    {
      accountRequestsPerSecond: config.ZK_ROUTE53_ACCOUNT_REQUESTS_PER_SECOND,
      installationRequestsPerSecond: config.ZK_ROUTE53_REQUESTS_PER_SECOND,
      // Ours and the parent zone; other zones in the account are not known to us.
      accountZones: zones.length + 1,
      minIntervalSeconds: config.ZK_RECORD_SYNC_MIN_INTERVAL_MS / 1000,
    },
  );
  return { schedule, description: describeSyncSchedule(schedule, zones.length), zones };
}

let lastLogged: string | undefined;
/** How long a zone whose sync failed waits before this process tries it again. */
export const FAILED_SYNC_RETRY_MS = 30_000;
// Zones whose last scheduled sync failed, and when they may be tried again: a zone that keeps
// failing (gone, denied) must not take its calls from the budget on every pass.
const retryAt = new Map<string, number>();

export async function syncDueZones(
  store: Store,
  options: { lease?: LeaseGuard; now?: Date; passSeconds: number },
): Promise<ScheduledSyncPass> {
  const { schedule, description, zones } = await currentSyncSchedule(store);
  if (description !== lastLogged && zones.length > 0) {
    lastLogged = description;
    logger.info('record sync: schedule', { ...schedule, description });
  }
  const now = (options.now ?? new Date()).getTime();
  const due = zones
    .filter(
      (zone) =>
        zone.awsZoneId &&
        (retryAt.get(zone.id) ?? 0) <= now &&
        (!zone.recordsSyncedAt ||
          zone.recordsSyncedAt.getTime() <= now - schedule.intervalSeconds * 1000),
    )
    .sort((a, b) => (a.recordsSyncedAt?.getTime() ?? 0) - (b.recordsSyncedAt?.getTime() ?? 0));
  // This pass's share of the calls; at least one zone, so a zone bigger than a pass still syncs.
  const allowance = schedule.syncRequestsPerSecond * options.passSeconds;
  const pass: ScheduledSyncPass = { schedule, description, synced: [], failed: [] };
  let spent = 0;
  for (const zone of due) {
    const calls = listCallsFor(zone.recordCount);
    if (pass.synced.length + pass.failed.length > 0 && spent + calls > allowance) break;
    if (options.lease?.signal.aborted) break;
    spent += calls;
    try {
      await syncZoneRecords(store, zone);
      retryAt.delete(zone.id);
      pass.synced.push(zone.awsZoneId!);
    } catch (error) {
      // The zone stays due and is tried again after a while; the others carry on.
      logger.warn('record sync: zone failed', { zoneId: zone.awsZoneId, error });
      retryAt.set(zone.id, now + FAILED_SYNC_RETRY_MS);
      pass.failed.push(zone.awsZoneId!);
    }
  }
  return pass;
}
