// Leader election through a lease row: a replica holds the lease while it renews it before it
// expires; when it dies, another takes it over after at most one lease period. One statement
// (insert, or take over if ours or expired), so it works the same on SQLite and PostgreSQL.
import { and, eq, lt, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';

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

/** Runs `work` while renewing the lease we hold, every third of its period. */
export async function whileHoldingLease<T>(
  store: Store,
  name: string,
  holder: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const renew = setInterval(() => {
    tryAcquireLease(store, name, holder, ttlMs).catch(() => {});
  }, ttlMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(renew);
  }
}
