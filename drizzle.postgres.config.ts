import { defineConfig } from 'drizzle-kit';

// Generates PostgreSQL migrations only; they are applied by the app at start (db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/postgres.ts',
  out: './db/migrations/postgres',
});
