// Whether an org has a zone to show records of, and when the record sync last listed it: what a
// hostname page says above (or instead of) its table.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';

export type RecordSyncState =
  | { zone: 'none' }
  | { zone: 'not-ready'; status: string }
  | { zone: 'ready'; syncedAt: Date | null };

export async function readRecordSyncState(store: Store, orgId: string): Promise<RecordSyncState> {
  const z = store.t.hostedZones;
  const [zone] = await store.db
    .select({ status: z.status, syncedAt: z.recordsSyncedAt })
    .from(z)
    .where(and(eq(z.orgId, orgId), isNull(z.deletedAt)))
    .orderBy(desc(z.createdAt))
    .limit(1);
  if (!zone) return { zone: 'none' };
  if (zone.status !== 'ready') return { zone: 'not-ready', status: zone.status };
  return { zone: 'ready', syncedAt: zone.syncedAt };
}
