// The rules by which `npm start` picks the sandbox or a real installation.
import { describe, expect, it } from 'vitest';
import { appEnvironment } from '@/scripts/next-server';
import {
  decideStartMode,
  explainIncomplete,
  sandboxValuesToUse,
  type StartMode,
} from '@/scripts/start-mode';

const LIVE = {
  AUTH_URL: 'https://zonekeeper.example.com',
  AUTH_SECRET: 'x'.repeat(32),
  VAULT_ADDR: 'https://vault.example.com:8200',
  VAULT_TOKEN: 'hvs.token',
  ZK_PLATFORM_OIDC_ISSUER: 'https://login.example.com',
  ZK_PLATFORM_OIDC_CLIENT_ID: 'zonekeeper',
  ZK_PLATFORM_OIDC_CLIENT_SECRET: 'secret',
  ZK_PLATFORM_OPERATOR_GROUPS: 'ops',
};

describe('decideStartMode', () => {
  it('runs the sandbox when nothing is configured at all', () => {
    expect(decideStartMode({ PATH: '/usr/bin', PORT: '3000' }).mode).toBe('sandbox');
  });

  it.each([
    ['VAULT_ADDR', { VAULT_ADDR: 'https://vault.example.com' }],
    ['the platform IdP', { ZK_PLATFORM_OIDC_ISSUER: 'https://login.example.com' }],
    ['a PostgreSQL store', { DATABASE_URL: 'postgres://zk@db:5432/zk' }],
    ['an AWS profile', { AWS_PROFILE: 'prod' }],
    ['operator groups', { ZK_PLATFORM_OPERATOR_GROUPS: 'ops' }],
  ])('turns the sandbox off for %s, and lists what a live start still needs', (_what, env) => {
    const mode = decideStartMode(env);
    expect(mode.mode).toBe('incomplete');
    const message = explainIncomplete(mode as Extract<StartMode, { mode: 'incomplete' }>);
    expect(message).toMatch(/cannot start/);
    expect(message).toContain('AUTH_SECRET');
    expect(message).toContain('ZK_SANDBOX=1');
  });

  it('names exactly the missing settings of a partial live configuration', () => {
    const { VAULT_TOKEN: _token, ZK_PLATFORM_OPERATOR_GROUPS: _ops, ...partial } = LIVE;
    const mode = decideStartMode(partial);
    expect(mode.mode).toBe('incomplete');
    const missing = (mode as Extract<StartMode, { mode: 'incomplete' }>).missing;
    expect(missing.map((m) => m.split(':')[0])).toEqual([
      'VAULT_TOKEN',
      'ZK_PLATFORM_OPERATOR_EMAILS or ZK_PLATFORM_OPERATOR_GROUPS',
    ]);
  });

  it('starts live with a complete configuration, even on a host whose AWS credentials come from an instance profile', () => {
    expect(decideStartMode(LIVE)).toEqual({ mode: 'live', settings: expect.any(Array) });
  });

  it('runs the sandbox over real settings only when ZK_SANDBOX=1 says so', () => {
    expect(decideStartMode({ ...LIVE, ZK_SANDBOX: '1' }).mode).toBe('sandbox');
    expect(decideStartMode({ ZK_SANDBOX: '0' }).mode).toBe('incomplete');
  });
});

describe('sandboxValuesToUse', () => {
  const sandbox = {
    AWS_ENDPOINT_URL_ROUTE_53: 'http://127.0.0.1:1',
    AWS_ACCESS_KEY_ID: 'AKIASANDBOX',
    AWS_SECRET_ACCESS_KEY: 'sandbox-secret',
    VAULT_ADDR: 'http://127.0.0.1:2',
    VAULT_TOKEN: 'sandbox-token',
    ZK_PLATFORM_OIDC_ISSUER: 'http://127.0.0.1:3/platform',
    ZK_PLATFORM_OIDC_CLIENT_ID: 'zonekeeper-platform',
    ZK_PLATFORM_OIDC_CLIENT_SECRET: 'sandbox-client-secret',
    ZK_PLATFORM_OPERATOR_GROUPS: 'zonekeeper-operators',
    AUTH_SECRET: 'sandbox-auth-secret',
  };

  it('takes every sandbox value when the person set none', () => {
    expect(sandboxValuesToUse(sandbox, {})).toEqual(sandbox);
  });

  it('never replaces a value the person set, nor mixes a group from both sides', () => {
    const used = sandboxValuesToUse(sandbox, {
      AUTH_SECRET: 'mine'.repeat(8),
      ZK_PLATFORM_OIDC_ISSUER: 'https://login.example.com',
      VAULT_TOKEN: 'my-token',
    });
    expect(used).toEqual({
      AWS_ENDPOINT_URL_ROUTE_53: 'http://127.0.0.1:1',
      AWS_ACCESS_KEY_ID: 'AKIASANDBOX',
      AWS_SECRET_ACCESS_KEY: 'sandbox-secret',
    });
  });
});

describe('appEnvironment', () => {
  const options = { env: {}, distDir: '.next' };

  it('keeps a configured AUTH_URL instead of the local origin', () => {
    const env = appEnvironment(
      { AUTH_URL: 'https://zonekeeper.example.com' },
      options,
      'http://localhost:3000',
    );
    expect(env.AUTH_URL).toBe('https://zonekeeper.example.com');
  });

  it('uses the local origin only without one', () => {
    expect(appEnvironment({}, options, 'http://localhost:3000').AUTH_URL).toBe(
      'http://localhost:3000',
    );
  });
});
