// Drizzle over better-sqlite3 through drizzle's async (proxy) driver, so that SQLite gives the
// domain code the same asynchronous transactions as PostgreSQL.
import type Database from 'better-sqlite3';
import {
  drizzle,
  type AsyncRemoteCallback,
  type SqliteRemoteDatabase,
} from 'drizzle-orm/sqlite-proxy';
import { ConnectionLock } from './connection-lock';

// Enough for every distinct statement the app issues; beyond it the oldest is prepared again.
const STATEMENT_CACHE_SIZE = 500;

export function drizzleAsyncSqlite<TSchema extends Record<string, unknown>>(
  client: Database.Database,
  schema: TSchema,
): SqliteRemoteDatabase<TSchema> {
  const lock = new ConnectionLock();
  const statements = new Map<string, Database.Statement>();

  const prepare = (text: string): Database.Statement => {
    let statement = statements.get(text);
    if (statement) {
      statements.delete(text); // re-inserted below: the map's order is the recency order
    } else {
      statement = client.prepare(text);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        statements.delete(statements.keys().next().value as string);
      }
    }
    statements.set(text, statement);
    return statement;
  };

  const execute: AsyncRemoteCallback = async (text, params, method) => {
    await lock.ready();
    const statement = prepare(text);
    if (method === 'run' || !statement.reader) {
      statement.run(...params);
      return { rows: [] };
    }
    // Drizzle maps rows from arrays of column values, in select order.
    const raw = statement.raw(true);
    return { rows: method === 'get' ? (raw.get(...params) as unknown[]) : raw.all(...params) };
  };

  const db = drizzle(execute, { schema });
  // Every transaction, however it is started, holds the connection until it ends. IMMEDIATE
  // takes SQLite's write lock at BEGIN: another process (the CLI, a second replica) then waits
  // at the start instead of failing with SQLITE_BUSY when the transaction first writes.
  const begin = db.transaction.bind(db);
  db.transaction = ((work, config) =>
    lock.exclusive(() =>
      begin(work, { behavior: 'immediate', ...config }),
    )) as typeof db.transaction;
  return db;
}
