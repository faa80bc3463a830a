// Leader election through a lease row: a replica holds the lease while it renews it before it
// expires; when it dies, another takes it over after at most one lease period. One statement
// (insert, or take over if ours or expired), so it works the same on SQLite and PostgreSQL.
import { and, eq, gt, lt, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { createLeaseGuard, type LeaseGuard } from './lease-guard';

export async function tryAcquireLease(
  store: Store,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const t = store.t.leases;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const rows = await store.db
    .insert(t)
    .values({ name, holder, acquiredAt: now, expiresAt })
    .onConflictDoUpdate({
      target: t.name,
      set: { holder, expiresAt },
      setWhere: or(eq(t.holder, holder), lt(t.expiresAt, now)),
    })
    .returning({ holder: t.holder });
  return rows[0]?.holder === holder;
}

export async function releaseLease(store: Store, name: string, holder: string): Promise<void> {
  const t = store.t.leases;
  await store.db.delete(t).where(and(eq(t.name, name), eq(t.holder, holder)));
}

/** Whether `holder` holds an unexpired lease right now, by the store's row. */
export async function holdsLease(store: Store, name: string, holder: string): Promise<boolean> {
  const t = store.t.leases;
  const rows = await store.db
    .select({ name: t.name })
    .from(t)
    .where(and(eq(t.name, name), eq(t.holder, holder), gt(t.expiresAt, new Date())));
  return rows.length > 0;
}

/**
 * Runs `work` while renewing the lease we hold, every third of its period. `work` gets the guard
 * to check before each change; once the lease is lost the guard refuses, so the work stops and
 * rejects with LeaseLost. Rejects at once if the lease is not ours to begin with.
 */
export async function whileHoldingLease<T>(
  store: Store,
  name: string,
  holder: string,
  ttlMs: number,
  work: (lease: LeaseGuard) => Promise<T>,
): Promise<T> {
  const lease = createLeaseGuard({
    ttlMs,
    now: Date.now,
    renew: () => tryAcquireLease(store, name, holder, ttlMs),
    isHeld: () => holdsLease(store, name, holder),
  });
  await lease.renew();
  lease.assertHeld();
  // Renewals run one after another, and the last is awaited, so none lands after a release.
  let renewing = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(() => lease.renew());
  }, ttlMs / 3);
  try {
    return await work(lease);
  } finally {
    clearInterval(timer);
    await renewing;
  }
}
