// Opens each store the suite must hold to: a fresh SQLite file, and a throwaway PostgreSQL
// database created for this run and dropped after it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '@/db/open-store';

export const POSTGRES_ADMIN_URL =
  process.env.ZK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore extends Store {
  /** Closes the store and deletes its file or database. */
  destroy(): Promise<void>;
}

export async function openSqliteTestStore(): Promise<TestStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-store-'));
  const store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zonekeeper.sqlite') });
  return {
    ...store,
    destroy: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createPostgresTestDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const name = `zk_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function openPostgresTestStore(): Promise<TestStore> {
  const database = await createPostgresTestDatabase();
  const store = await openStore({ dialect: 'postgres', url: database.url });
  return {
    ...store,
    destroy: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/**
 * Whether PostgreSQL answers. In CI it must: a missing server fails the run instead of
 * silently skipping half of the store suite. On a laptop without it, the half is skipped with
 * a notice.
 */
export async function requirePostgres(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CI) {
      throw new Error(
        `CI requires PostgreSQL at ${POSTGRES_ADMIN_URL} (set ZK_TEST_POSTGRES_URL to change it): ${String(error)}`,
      );
    }
    console.warn(
      `NOTICE: PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}; skipping the PostgreSQL half of the store suite.`,
    );
    return false;
  }
}

export const postgresAvailable = await requirePostgres();

/** The stores every store-contract test runs against, by name. */
export const STORE_KINDS = [
  { name: 'sqlite', available: true, open: openSqliteTestStore },
  { name: 'postgres', available: postgresAvailable, open: openPostgresTestStore },
] as const;
