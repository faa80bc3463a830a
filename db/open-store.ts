// Opens the store (SQLite file or PostgreSQL) behind one query-builder type, and migrates it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqliteSync } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as sqliteSchema from './schema/sqlite';
import * as postgresSchema from './schema/postgres';
import { drizzleAsyncSqlite } from './sqlite-async-driver';

export type Schema = typeof sqliteSchema;

/**
 * The query builder the domain code writes against: asynchronous, with asynchronous
 * transactions, on both stores. SQLite runs through drizzle's async driver over better-sqlite3
 * (db/sqlite-async-driver.ts); PostgreSQL through node-postgres, whose builder has the same API
 * for everything the domain code uses (select/insert/update/delete, returning, onConflict*,
 * transaction). `t` holds the tables of the dialect actually open, which is what makes the
 * generated SQL right for that dialect. What a statement without `returning()` resolves to
 * differs between the drivers, so it is typed `unknown`: use `returning()` to learn what changed.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, Schema>;

export type StoreTarget =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Store {
  dialect: StoreTarget['dialect'];
  db: Db;
  t: Schema;
  /**
   * Runs `work` in one transaction: it commits when `work` resolves and rolls back when it
   * throws. `work` gets a store bound to the transaction; everything it does goes through that
   * store (nested calls become savepoints). Keep network calls out: on SQLite the connection is
   * the process's only one, and it waits for the transaction.
   */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A store whose queries run in `db`, a transaction (or the root) of one dialect. */
function bindStore(
  dialect: Store['dialect'],
  db: Db,
  t: Schema,
  close: () => Promise<void>,
): Store {
  return {
    dialect,
    db,
    t,
    transaction: (work) => db.transaction((tx) => work(bindStore(dialect, tx, t, close))),
    close,
  };
}

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');
// Any constant works; it only has to be the same for every replica of one installation.
const MIGRATION_LOCK_KEY = 727_274_001;

export async function openStore(target: StoreTarget): Promise<Store> {
  return target.dialect === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url);
}

function openSqlite(file: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  // Another process (CLI, reconciler) may hold the write lock briefly: wait instead of failing.
  client.pragma('busy_timeout = 5000');
  // Migrations run synchronously at open, before anything else can use the connection.
  migrateSqlite(drizzleSqliteSync(client), { migrationsFolder: path.join(MIGRATIONS, 'sqlite') });
  const db = drizzleAsyncSqlite(client, sqliteSchema);
  return bindStore('sqlite', db, sqliteSchema, async () => {
    client.close();
  });
}

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = drizzlePostgres(pool, { schema: postgresSchema });
  // Replicas starting together must not run the same migration twice.
  const lockClient = await pool.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePostgres(db, { migrationsFolder: path.join(MIGRATIONS, 'postgres') });
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    lockClient.release();
  }
  await db.execute(sql`select 1`);
  // The one cast: the PostgreSQL builder stands in for the SQLite-typed one (see `Db`).
  return bindStore(
    'postgres',
    db as unknown as Db,
    postgresSchema as unknown as Schema,
    async () => {
      // pool.end() resolves once it has asked its connections to close, not once they are
      // closed; a database dropped in between (as the test stores do) cuts them off, and the
      // pool rethrows that as an uncaught error. Wait for each one's 'remove'.
      let open = pool.totalCount;
      const closed = new Promise<void>((resolve) => {
        if (open === 0) resolve();
        pool.on('remove', () => {
          open -= 1;
          if (open === 0) resolve();
        });
      });
      await pool.end();
      await closed;
    },
  );
}
