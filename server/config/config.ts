// Reads and validates the environment once; every other module asks here, never process.env.
import 'server-only';
import { envSchema, type Env } from './env-schema';
import { describeDatabaseUrl, type DatabaseTarget } from './database-target';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Zonekeeper cannot start: the configuration is invalid.\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}\nSee README.md ("Configuration") or .env.example.`,
    );
    this.name = 'ConfigError';
  }
}

export interface Config extends Env {
  database: DatabaseTarget;
}

/** Validates `source` and derives the values the rest of the code uses. Pure: tests call it. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  // Empty strings are how shells and .env files say "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    // Name the variable and what is expected; never echo the value (it may be a secret).
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return { ...result.data, database: describeDatabaseUrl(result.data.DATABASE_URL) };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
