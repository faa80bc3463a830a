// An operator switches the collector between manual mode (every deletion waits for a person's
// approval) and automatic mode. The choice is the store's "gc" setting, over ZK_GC_MODE.
import { eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { GC_SETTINGS_KEY, readGcSettings } from './gc-settings';
import type { GcSettings } from './plan-collection';

export async function setGcMode(
  store: Store,
  actor: Actor,
  mode: GcSettings['mode'],
): Promise<{ changed: boolean }> {
  return store.transaction(async (tx) => {
    const before = await readGcSettings(tx);
    if (before.mode === mode) return { changed: false };
    const t = tx.t.settings;
    const [row] = await tx.db.select().from(t).where(eq(t.key, GC_SETTINGS_KEY));
    // The other fields of the setting (grace period, margin) stay as they are.
    const value = { ...(row?.value as Record<string, unknown> | undefined), mode };
    if (row) {
      await tx.db
        .update(t)
        .set({ value, updatedBy: actor.label })
        .where(eq(t.key, GC_SETTINGS_KEY));
    } else {
      await tx.db.insert(t).values({ key: GC_SETTINGS_KEY, value, updatedBy: actor.label });
    }
    await recordAuditEvent(tx, {
      actor,
      orgId: null,
      action: 'gc.mode_changed',
      target: GC_SETTINGS_KEY,
      outcome: 'success',
      detail: { from: before.mode, to: mode },
    });
    return { changed: true };
  });
}

/** Where the mode in force comes from: the store's setting, or ZK_GC_MODE when none is stored. */
export async function gcModeSource(store: Store): Promise<'setting' | 'environment'> {
  const t = store.t.settings;
  const [row] = await store.db.select().from(t).where(eq(t.key, GC_SETTINGS_KEY));
  const value = row?.value as Record<string, unknown> | undefined;
  return value && typeof value.mode === 'string' ? 'setting' : 'environment';
}
