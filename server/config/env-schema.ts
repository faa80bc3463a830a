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
  // Sandbox mode, chosen on purpose (`npm start` sets it when it runs the sandbox; ZK_SANDBOX=1
  // forces it). Its only effect in the app: org issuers may be plain http on loopback.
  ZK_SANDBOX: z
    .enum(['0', '1'], 'expected 1 (sandbox mode) or 0')
    .default('0')
    .transform((v) => v === '1'),
  ZK_ENVIRONMENT_LABEL: z
    .string()
    .trim()
    .max(32, 'expected at most 32 characters, e.g. Sandbox or Staging')
    .optional(),
};

// Provisioning engine (server/provisioning, server/cloud). AWS endpoints and platform credentials
// come from the SDKs' own standard variables (AWS_ENDPOINT_URL_*, AWS_ACCESS_KEY_ID, ...).
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const provisioningEnv = {
  AWS_REGION: z.string().trim().min(1).default('us-east-1'),
  VAULT_ADDR: z
    .string()
    .trim()
    .url('expected a URL such as http://127.0.0.1:8200')
    .default('http://127.0.0.1:8200'),
  // A secret: no default. Only the reconciler, the CLI and login need it, so it is checked there.
  VAULT_TOKEN: z.string().trim().min(1).optional(),
  VAULT_KV_MOUNT: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+$/, 'expected a mount name such as secret')
    .default('secret'),
  ZK_PARENT_ZONE_ID: z
    .string()
    .trim()
    .regex(/^(\/hostedzone\/)?[A-Z0-9]+$/, 'expected a hosted zone id such as Z0123456789ABC')
    .optional(),
  ZK_ROUTE53_REQUESTS_PER_SECOND: z.coerce.number().positive().max(10).default(8),
  ZK_ROUTE53_BURST: positiveInt(40),
  ZK_ROUTE53_CREATE_ZONE_PER_SECOND: z.coerce.number().positive().max(2).default(1.8),
  ZK_RECONCILE_INTERVAL_MS: positiveInt(5_000),
  // The scheduled record sync (server/hostnames/sync-schedule.ts): the AWS account's Route 53
  // rate that the reconciler, the sync and every cluster's ExternalDNS share (10/s since July
  // 2026; 5 on the older limit), and the shortest interval between two syncs of a zone.
  ZK_ROUTE53_ACCOUNT_REQUESTS_PER_SECOND: z.coerce.number().positive().default(10),
  ZK_RECORD_SYNC_MIN_INTERVAL_MS: positiveInt(60_000),
  ZK_RECONCILE_CONCURRENCY: positiveInt(40),
  ZK_RECONCILER_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  ZK_LEASE_TTL_MS: positiveInt(15_000),
  ZK_KEY_VERIFY_TIMEOUT_MS: positiveInt(60_000),
  ZK_AWS_TIMEOUT_MS: positiveInt(10_000),
  // One Kubernetes API request to a cluster; a cluster slower than this counts as not answering.
  ZK_KUBE_TIMEOUT_MS: positiveInt(10_000),
  // Test hook for the crash test: the process exits (code 86) when it reaches this point.
  ZK_CRASH_AT: z.string().trim().optional(),
};

// Garbage collector of unused zones (server/gc). Defaults of the settings an operator can change
// in the store (settings key "gc"); the safety margin must leave room inside the 12 h free window.
const gcEnv = {
  ZK_GC_MODE: z.enum(['manual', 'automatic']).default('manual'),
  ZK_GC_GRACE_PERIOD_MS: z.coerce.number().int().min(0).default(86_400_000),
  ZK_GC_SAFETY_MARGIN_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(43_199_999, 'expected less than 12 hours (43200000 ms), the free window')
    .default(1_800_000),
};

// Sign-in and tenancy. AUTH_SECRET has no default (a secret); it is optional here only so that
// tools which never serve a page (CLI, migrations) start without it: app/_lib/auth refuses to
// serve sign-in without it. The platform IdP is set by all three ZK_PLATFORM_OIDC_* or none.
const commaList = z
  .string()
  .trim()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

const demoPerson = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  /** The org slug to sign in through; absent means the platform sign-in. */
  org: z.string().optional(),
  /** Sent as login_hint, for identity providers that then sign the person in with one click. */
  loginHint: z.string().optional(),
});

const authEnv = {
  // The app's public origin; Auth.js reads it too. Identity providers redirect back under it.
  AUTH_URL: z.url('expected the origin people use, e.g. https://zonekeeper.example.com').optional(),
  AUTH_SECRET: z.string().min(32, 'expected at least 32 random characters').optional(),
  ZK_PLATFORM_OIDC_ISSUER: z
    .url('expected the issuer URL, e.g. https://login.example.com')
    .optional(),
  ZK_PLATFORM_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  ZK_PLATFORM_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  ZK_PLATFORM_OPERATOR_EMAILS: commaList,
  ZK_PLATFORM_OPERATOR_GROUPS: commaList,
  ZK_ROLE_CLAIM: z.string().trim().min(1).default('groups'),
  ZK_ADMIN_GROUP: z.string().trim().min(1).default('zonekeeper-admins'),
  ZK_SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(300, 'expected at least 300 seconds')
    .max(2_592_000, 'expected at most 30 days (2592000 seconds)')
    .default(28_800),
  ZK_SIGN_IN_DEMO_PEOPLE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return [];
      try {
        return z.array(demoPerson).parse(JSON.parse(v));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message:
            'expected a JSON list like [{"name":"Ada","description":"admin of acme","org":"acme"}]',
        });
        return z.NEVER;
      }
    }),
};

export const envSchema = z.object({
  ...databaseEnv,
  ...platformEnv,
  ...provisioningEnv,
  ...gcEnv,
  ...authEnv,
});

export type Env = z.infer<typeof envSchema>;
