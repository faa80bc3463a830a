// What the asynchronous SQLite store costs per statement next to the synchronous driver it
// replaced, and what a transaction costs, on both stores: `npx tsx bench/store-queries.ts`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { drizzle as drizzleSqliteSync } from 'drizzle-orm/better-sqlite3';
import { openStore, type Store } from '@/db/open-store';
import * as sqliteSchema from '@/db/schema/sqlite';
import pg from 'pg';
import { formatLoad, runLoad } from './bench-helpers';

const ROWS = 5_000;

async function measureStore(name: string, store: Store): Promise<void> {
  const orgs = store.t.organizations;
  const ids = Array.from({ length: ROWS }, () => randomUUID());
  const insert = await runLoad(ROWS, 1, (i) =>
    store.db.insert(orgs).values({ id: ids[i]!, slug: `${name}-${i}`, displayName: `${i}` }),
  );
  console.log(formatLoad(`${name} insert (one statement)`, insert));
  const select = await runLoad(ROWS, 1, (i) =>
    store.db.select().from(orgs).where(eq(orgs.id, ids[i]!)),
  );
  console.log(formatLoad(`${name} select by id`, select));
  const concurrentSelect = await runLoad(ROWS, 20, (i) =>
    store.db.select().from(orgs).where(eq(orgs.id, ids[i]!)),
  );
  console.log(formatLoad(`${name} select by id, 20 in flight`, concurrentSelect));
  const transaction = await runLoad(ROWS, 1, (i) =>
    store.transaction(async (tx) => {
      await tx.db.update(orgs).set({ status: 'ready' }).where(eq(orgs.id, ids[i]!));
      await tx.db.insert(tx.t.auditEvents).values({
        id: randomUUID(),
        actorType: 'system',
        actorLabel: 'bench',
        orgId: ids[i]!,
        action: 'org.created',
        target: 'bench',
        outcome: 'success',
      });
    }),
  );
  console.log(formatLoad(`${name} transaction (update + insert)`, transaction));
  const concurrentTransaction = await runLoad(ROWS, 20, (i) =>
    store.transaction(async (tx) => {
      await tx.db.update(orgs).set({ status: 'pending' }).where(eq(orgs.id, ids[i]!));
      await tx.db.select().from(orgs).where(eq(orgs.id, ids[i]!));
    }),
  );
  console.log(formatLoad(`${name} transaction, 20 in flight`, concurrentTransaction));
}

function measureSyncSqlite(file: string): Promise<void> {
  // The driver the store used before: the same statements, synchronous, no transactions
  // across await.
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  const db = drizzleSqliteSync(client, { schema: sqliteSchema });
  const orgs = sqliteSchema.organizations;
  const ids = Array.from({ length: ROWS }, () => randomUUID());
  return (async () => {
    const insert = await runLoad(ROWS, 1, async (i) =>
      db.insert(orgs).values({ id: ids[i]!, slug: `sync-${i}`, displayName: `${i}` }),
    );
    console.log(formatLoad('sqlite (sync driver) insert', insert));
    const select = await runLoad(ROWS, 1, async (i) =>
      db.select().from(orgs).where(eq(orgs.id, ids[i]!)),
    );
    console.log(formatLoad('sqlite (sync driver) select by id', select));
    client.close();
  })();
}

// A throwaway database on the PostgreSQL server the tests use, dropped afterwards.
async function withPostgresDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const adminUrl = process.env.ZK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `zk_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bench-store-'));
  try {
    const file = path.join(dir, 'bench.sqlite');
    const sqlite = await openStore({ dialect: 'sqlite', file });
    await measureStore('sqlite', sqlite);
    await sqlite.close();
    await measureSyncSqlite(file);
    await withPostgresDatabase(async (url) => {
      const postgres = await openStore({ dialect: 'postgres', url });
      await measureStore('postgres', postgres);
      await postgres.close();
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
