// Lists every live zone of the given organizations (all of them when none are named) into the
// store, one zone after the other: the installation's Route 53 budget paces the calls.
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { CloudError } from '../cloud/cloud-error';
import { logger } from '../log/logger';
import { syncZoneRecords, type ZoneSyncResult } from './sync-zone-records';

export interface OrgSyncResult extends Partial<ZoneSyncResult> {
  slug: string;
  /** Why this org's zone was not synced, in words; absent when it was. */
  error?: string;
}

export async function syncOrgRecords(store: Store, orgIds?: string[]): Promise<OrgSyncResult[]> {
  const { hostedZones: z, organizations: o } = store.t;
  const zones = await store.db
    .select({ zone: z, slug: o.slug })
    .from(z)
    .innerJoin(o, and(eq(o.id, z.orgId), eq(o.generation, z.generation)))
    .where(
      and(
        eq(z.status, 'ready'),
        isNotNull(z.awsZoneId),
        isNull(z.deletedAt),
        orgIds ? inArray(z.orgId, orgIds) : undefined,
      ),
    );
  const results: OrgSyncResult[] = [];
  for (const { zone, slug } of zones.sort((a, b) => a.slug.localeCompare(b.slug))) {
    try {
      results.push({ slug, ...(await syncZoneRecords(store, zone)) });
    } catch (error) {
      // One zone failing (throttled past its retries, gone) must not stop the others.
      results.push({ slug, error: describeSyncFailure(error) });
    }
  }
  return results;
}

// Our adapters' messages are written for people and carry no secret; anything else is logged.
function describeSyncFailure(error: unknown): string {
  if (error instanceof CloudError) return error.message;
  logger.error('record sync failed', { error });
  return 'An unexpected error stopped the sync of this zone; see the server log.';
}
