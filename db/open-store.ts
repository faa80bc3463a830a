// Opens the store (SQLite file or PostgreSQL) behind one query-builder type, and migrates it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as sqliteSchema from './schema/sqlite';
import * as postgresSchema from './schema/postgres';

export type Schema = typeof sqliteSchema;

/**
 * The query builder the domain code writes against. Both dialects expose the same builder API
 * (select/insert/update/delete, returning, onConflict*), and every query is awaited, so the
 * domain code is written once; `t` holds the tables of the dialect actually open, which is what
 * makes the generated SQL right for that dialect.
 */
export type Db = BetterSQLite3Database<Schema>;

export type StoreTarget =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Store {
  dialect: StoreTarget['dialect'];
  db: Db;
  t: Schema;
  close(): Promise<void>;
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
  const db = drizzleSqlite(client, { schema: sqliteSchema });
  migrateSqlite(db, { migrationsFolder: path.join(MIGRATIONS, 'sqlite') });
  return {
    dialect: 'sqlite',
    db,
    t: sqliteSchema,
    close: async () => {
      client.close();
    },
  };
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
  return {
    dialect: 'postgres',
    db: db as unknown as Db,
    t: postgresSchema as unknown as Schema,
    close: async () => {
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
  };
}
