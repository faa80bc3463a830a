// The one schema of Zonekeeper's environment. Each area adds its variables in its own block;
// README.md and .env.example document every variable listed here.
import { z } from 'zod';

const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const databaseEnv = {
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:./data/zonekeeper.sqlite')
    .refine((v) => /^(file:|postgres:\/\/|postgresql:\/\/)/.test(v), {
      message:
        'expected file:<path> for SQLite (e.g. file:./data/zonekeeper.sqlite) or postgres://user@host:5432/db for PostgreSQL',
    }),
};

const platformEnv = {
  ZK_BASE_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .default('zonekeeper.test')
    .refine((v) => DOMAIN_NAME.test(v), {
      message:
        'expected a DNS name such as platform.example.com (lower-case labels, no trailing dot)',
    }),
  ZK_ENVIRONMENT_LABEL: z
    .string()
    .trim()
    .max(32, 'expected at most 32 characters, e.g. Sandbox or Staging')
    .optional(),
};

export const envSchema = z.object({
  ...databaseEnv,
  ...platformEnv,
});

export type Env = z.infer<typeof envSchema>;
