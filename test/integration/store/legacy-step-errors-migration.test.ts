// A store that recorded step failures as free text before errors were classified: migrating it
// keeps each old message, marks its class unknown and not known to clear on its own, and leaves
// steps without a failure without one. On SQLite and PostgreSQL, from the migrations as committed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import { createPostgresTestDatabase, postgresAvailable } from '../../support/stores';

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');
const LEGACY_MESSAGE = 'Route 53: Rate exceeded (Throttling)';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A copy of a dialect's migrations that stops before step errors got their columns. */
function migrationsBeforeStepErrorColumns(dialect: 'sqlite' | 'postgres'): string {
  const source = path.join(MIGRATIONS, dialect);
  const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta', '_journal.json'), 'utf8'));
  const entries = journal.entries as { tag: string }[];
  const first = entries.findIndex((entry) => entry.tag.endsWith('_step_error_columns'));
  expect(first).toBeGreaterThan(0);
  const kept = entries.slice(0, first);
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `zk-legacy-${dialect}-`));
  cleanups.push(async () => fs.rmSync(target, { recursive: true, force: true }));
  fs.mkdirSync(path.join(target, 'meta'));
  fs.writeFileSync(
    path.join(target, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: kept }),
  );
  for (const { tag } of kept)
    fs.copyFileSync(path.join(source, `${tag}.sql`), path.join(target, `${tag}.sql`));
  return target;
}

async function stepColumns(store: Store) {
  const t = store.t.provisioningSteps;
  const rows = await store.db.select().from(t).orderBy(asc(t.step));
  return rows.map((row) => ({
    step: row.step,
    errorService: row.errorService,
    errorCode: row.errorCode,
    errorClass: row.errorClass,
    errorRetryable: row.errorRetryable,
    lastError: row.lastError,
  }));
}

const EXPECTED = [
  {
    step: 'delegation',
    errorService: null,
    errorCode: null,
    errorClass: 'unknown',
    errorRetryable: false,
    lastError: LEGACY_MESSAGE,
  },
  {
    step: 'zone',
    errorService: null,
    errorCode: null,
    errorClass: null,
    errorRetryable: null,
    lastError: null,
  },
];

describe('migrating step errors stored as free text', () => {
  it('SQLite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-legacy-store-'));
    const file = path.join(dir, 'zonekeeper.sqlite');
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const client = new Database(file);
    migrateSqlite(drizzleSqlite(client), {
      migrationsFolder: migrationsBeforeStepErrorColumns('sqlite'),
    });
    const now = Date.now();
    client
      .prepare(
        `insert into organizations (id, slug, display_name, created_at, updated_at) values ('o1', 'acme', 'Acme', ?, ?)`,
      )
      .run(now, now);
    const step = client.prepare(
      `insert into provisioning_steps (id, org_id, step, status, attempts, last_error, updated_at) values (?, 'o1', ?, ?, 1, ?, ?)`,
    );
    step.run('s1', 'zone', 'ready', null, now);
    step.run('s2', 'delegation', 'failed', LEGACY_MESSAGE, now);
    client.close();

    const store = await openStore({ dialect: 'sqlite', file });
    cleanups.push(() => store.close());
    expect(await stepColumns(store)).toEqual(EXPECTED);
  });

  it.skipIf(!postgresAvailable)('PostgreSQL', async () => {
    const database = await createPostgresTestDatabase();
    cleanups.push(() => database.drop());
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      await migratePostgres(drizzlePostgres(pool), {
        migrationsFolder: migrationsBeforeStepErrorColumns('postgres'),
      });
      await pool.query(
        `insert into organizations (id, slug, display_name, created_at, updated_at) values ('o1', 'acme', 'Acme', now(), now())`,
      );
      const step = `insert into provisioning_steps (id, org_id, step, status, attempts, last_error, updated_at) values ($1, 'o1', $2, $3, 1, $4, now())`;
      await pool.query(step, ['s1', 'zone', 'ready', null]);
      await pool.query(step, ['s2', 'delegation', 'failed', LEGACY_MESSAGE]);
    } finally {
      await pool.end();
    }

    const store = await openStore({ dialect: 'postgres', url: database.url });
    cleanups.push(() => store.close());
    expect(await stepColumns(store)).toEqual(EXPECTED);
  });
});
