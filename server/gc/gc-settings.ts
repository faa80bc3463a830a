// The collector's settings: the store's "gc" setting, over defaults from the environment.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import { getConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import type { GcSettings } from './plan-collection';

export const GC_SETTINGS_KEY = 'gc';

const storedGcSettings = z
  .object({
    mode: z.enum(['manual', 'automatic']),
    gracePeriodMs: z.number().int().min(0),
    safetyMarginMs: z.number().int().min(0).max(43_199_999),
  })
  .partial();

/**
 * Calls a zone's teardown needs when its record sizes are unknown: the delegation (read, change,
 * wait), the zone's deletion, and per 1,000 records four ListResourceRecordSets pages (300 each)
 * and two change batches (32,000 characters hold fewer than 1,000 long TXT records).
 */
export const TEARDOWN_CALL_ESTIMATE = { perZone: 6, perThousandRecords: 6 };

export async function readGcSettings(store: Store): Promise<GcSettings> {
  const config = getConfig();
  const t = store.t.settings;
  const [row] = await store.db.select().from(t).where(eq(t.key, GC_SETTINGS_KEY));
  const parsed = storedGcSettings.safeParse(row?.value ?? {});
  if (!parsed.success) {
    throw new DomainError(
      'invalid_input',
      `The stored "gc" setting is malformed (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); fix or delete that settings row.`,
    );
  }
  return {
    mode: parsed.data.mode ?? config.ZK_GC_MODE,
    gracePeriodMs: parsed.data.gracePeriodMs ?? config.ZK_GC_GRACE_PERIOD_MS,
    safetyMarginMs: parsed.data.safetyMarginMs ?? config.ZK_GC_SAFETY_MARGIN_MS,
    teardownCalls: TEARDOWN_CALL_ESTIMATE,
    route53RequestsPerSecond: config.ZK_ROUTE53_REQUESTS_PER_SECOND,
  };
}
