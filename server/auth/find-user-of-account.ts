// The Zonekeeper user a provider account was linked to when it signed in (recordSignIn links it).
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';

export async function findUserOfAccount(
  store: Store,
  account: { provider: string; providerAccountId: string },
): Promise<string | null> {
  const { accounts } = store.t;
  const [linked] = await store.db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(
      and(
        eq(accounts.provider, account.provider),
        eq(accounts.providerAccountId, account.providerAccountId),
      ),
    );
  return linked?.userId ?? null;
}
