import { defineConfig } from 'drizzle-kit';

// Generates SQLite migrations only; they are applied by the app at start (db/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/sqlite.ts',
  out: './db/migrations/sqlite',
});
