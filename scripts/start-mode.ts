// How `npm start` decides between the sandbox and a real installation, and which sandbox values
// the app may take. Pure (a function of the environment), so the rules are tested exhaustively:
//   - nothing configured at all: the sandbox (the README's first command);
//   - any real setting (AWS, Vault, the platform IdP, a PostgreSQL store): live, unless
//     ZK_SANDBOX=1 says otherwise; a live start missing something it needs stops, listing it;
//   - in the sandbox, a value the person set is never replaced by a sandbox one.

export type Env = Record<string, string | undefined>;

/** Settings that only a real installation has; each names what it points at. */
const REAL_SETTINGS: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'AWS credentials',
  AWS_SECRET_ACCESS_KEY: 'AWS credentials',
  AWS_SESSION_TOKEN: 'AWS credentials',
  AWS_PROFILE: 'an AWS profile',
  AWS_ROLE_ARN: 'an AWS role',
  AWS_WEB_IDENTITY_TOKEN_FILE: 'AWS web identity',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: 'AWS container credentials',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: 'AWS container credentials',
  AWS_ENDPOINT_URL_ROUTE_53: 'a Route 53 endpoint',
  AWS_ENDPOINT_URL_IAM: 'an IAM endpoint',
  AWS_ENDPOINT_URL_STS: 'an STS endpoint',
  VAULT_ADDR: 'Vault',
  VAULT_TOKEN: 'Vault',
  ZK_PLATFORM_OIDC_ISSUER: 'the platform identity provider',
  ZK_PLATFORM_OIDC_CLIENT_ID: 'the platform identity provider',
  ZK_PLATFORM_OIDC_CLIENT_SECRET: 'the platform identity provider',
  ZK_PLATFORM_OPERATOR_EMAILS: 'platform operators',
  ZK_PLATFORM_OPERATOR_GROUPS: 'platform operators',
};

/** What a live installation cannot start without (AWS credentials may come from the host). */
const LIVE_REQUIREMENTS: { names: string[]; what: string }[] = [
  {
    names: ['AUTH_URL'],
    what: 'AUTH_URL: the origin people use, e.g. https://zonekeeper.example.com',
  },
  { names: ['AUTH_SECRET'], what: 'AUTH_SECRET: 32+ random characters (openssl rand -base64 32)' },
  {
    names: ['VAULT_ADDR'],
    what: 'VAULT_ADDR: your Vault server, e.g. https://vault.example.com:8200',
  },
  { names: ['VAULT_TOKEN'], what: 'VAULT_TOKEN: a Vault token for the KV mount' },
  {
    names: ['ZK_PLATFORM_OIDC_ISSUER'],
    what: 'ZK_PLATFORM_OIDC_ISSUER: the platform identity provider',
  },
  { names: ['ZK_PLATFORM_OIDC_CLIENT_ID'], what: 'ZK_PLATFORM_OIDC_CLIENT_ID: its client id' },
  {
    names: ['ZK_PLATFORM_OIDC_CLIENT_SECRET'],
    what: 'ZK_PLATFORM_OIDC_CLIENT_SECRET: its client secret',
  },
  {
    names: ['ZK_PLATFORM_OPERATOR_EMAILS', 'ZK_PLATFORM_OPERATOR_GROUPS'],
    what: 'ZK_PLATFORM_OPERATOR_EMAILS or ZK_PLATFORM_OPERATOR_GROUPS: who the platform operators are',
  },
];

/**
 * Sandbox values that belong together: if the person set any one of a group, none of the
 * sandbox's values of that group is used (half a platform IdP from each side signs no one in).
 */
const SANDBOX_GROUPS: string[][] = [
  [
    'AWS_ENDPOINT_URL_ROUTE_53',
    'AWS_ENDPOINT_URL_IAM',
    'AWS_ENDPOINT_URL_STS',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
  ],
  ['VAULT_ADDR', 'VAULT_TOKEN'],
  [
    'ZK_PLATFORM_OIDC_ISSUER',
    'ZK_PLATFORM_OIDC_CLIENT_ID',
    'ZK_PLATFORM_OIDC_CLIENT_SECRET',
    'ZK_PLATFORM_OPERATOR_EMAILS',
    'ZK_PLATFORM_OPERATOR_GROUPS',
    'ZK_SIGN_IN_DEMO_PEOPLE',
  ],
];

export type StartMode =
  | { mode: 'sandbox'; why: string }
  | { mode: 'live'; settings: string[] }
  | { mode: 'incomplete'; settings: string[]; missing: string[] };

const isSet = (env: Env, name: string) => (env[name] ?? '').trim() !== '';

/** The real settings present, by variable name (a postgres:// DATABASE_URL is one). */
export function realSettingsIn(env: Env): string[] {
  const names = Object.keys(REAL_SETTINGS).filter((name) => isSet(env, name));
  if (/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '')) names.push('DATABASE_URL');
  return names;
}

export function decideStartMode(env: Env): StartMode {
  const settings = realSettingsIn(env);
  if (env.ZK_SANDBOX === '1') {
    return { mode: 'sandbox', why: 'ZK_SANDBOX=1 asks for it' };
  }
  if (env.ZK_SANDBOX === '0' || settings.length > 0) {
    const missing = LIVE_REQUIREMENTS.filter((r) => !r.names.some((n) => isSet(env, n))).map(
      (r) => r.what,
    );
    return missing.length > 0
      ? { mode: 'incomplete', settings, missing }
      : { mode: 'live', settings };
  }
  return { mode: 'sandbox', why: 'no AWS, Vault, identity provider or PostgreSQL is configured' };
}

/** The sandbox's values the app may take: only those the person left unset (by group). */
export function sandboxValuesToUse(
  sandboxEnv: Record<string, string>,
  env: Env,
): Record<string, string> {
  const taken = new Set<string>();
  for (const group of SANDBOX_GROUPS) {
    if (group.some((name) => isSet(env, name))) group.forEach((name) => taken.add(name));
  }
  return Object.fromEntries(
    Object.entries(sandboxEnv).filter(([name]) => !taken.has(name) && !isSet(env, name)),
  );
}

export function explainIncomplete(mode: Extract<StartMode, { mode: 'incomplete' }>): string {
  const because =
    mode.settings.length > 0
      ? `These settings are for a real installation: ${mode.settings.join(', ')}.`
      : 'ZK_SANDBOX=0 asks for a real installation.';
  return [
    `Zonekeeper cannot start: ${because} It still needs:`,
    ...mode.missing.map((m) => `  - ${m}`),
    'Set them (see README.md, "Configuration", and .env.example), or start the sandbox on purpose',
    'with ZK_SANDBOX=1 (sandbox values never replace a variable you set).',
  ].join('\n');
}
