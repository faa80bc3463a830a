// The process-wide store, opened (and migrated) on first use from the validated configuration.
import 'server-only';
import { openStore, type Store } from '@/db/open-store';
import { getConfig } from './config/config';

// Kept on globalThis so that Next.js module reloads in development share one connection pool.
const holder = globalThis as unknown as { zonekeeperStore?: Promise<Store> };

export function getStore(): Promise<Store> {
  holder.zonekeeperStore ??= openStore(getConfig().database).catch((error: unknown) => {
    holder.zonekeeperStore = undefined;
    throw error;
  });
  return holder.zonekeeperStore;
}
