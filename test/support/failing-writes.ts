// Makes the real database refuse one kind of write to one table, as a full disk, a lost
// connection or a constraint would: a trigger that raises. Used to prove that a domain verb
// which writes several rows keeps none of them when a later write fails.
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Store } from '@/db/open-store';

export type WriteKind = 'insert' | 'update' | 'delete';

/** Installs the failure and returns the function that removes it again. */
export async function failWrites(
  store: Store,
  table: string,
  kind: WriteKind,
): Promise<() => Promise<void>> {
  const name = `zk_fail_${kind}_${table}`;
  if (store.dialect === 'sqlite') {
    await store.db.run(
      sql.raw(
        `create trigger ${name} before ${kind} on ${table} begin select raise(abort, 'injected failure: ${kind} on ${table}'); end`,
      ),
    );
    return async () => {
      await store.db.run(sql.raw(`drop trigger ${name}`));
    };
  }
  const pgDb = store.db as unknown as NodePgDatabase;
  await pgDb.execute(
    sql.raw(
      `create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'injected failure: ${kind} on ${table}'; end $$`,
    ),
  );
  await pgDb.execute(
    sql.raw(
      `create trigger ${name} before ${kind} on ${table} for each row execute function ${name}()`,
    ),
  );
  return async () => {
    await pgDb.execute(sql.raw(`drop trigger ${name} on ${table}`));
    await pgDb.execute(sql.raw(`drop function ${name}()`));
  };
}

/** Whether `error`, or an error it wraps (drizzle wraps driver errors), is the injected one. */
export function isInjectedFailure(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('injected failure')) return true;
  }
  return false;
}
