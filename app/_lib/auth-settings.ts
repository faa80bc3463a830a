// Reads the sign-in settings out of the validated configuration, refusing to serve sign-in
// without a session secret (there is deliberately no default for it).
import { getConfig } from '@/server/config/config';
import { ConfigError } from '@/server/config/config';
import type { SignInSettings } from '@/server/auth/record-sign-in';

export interface AuthSettings extends SignInSettings {
  secret: string;
  sessionMaxAgeSeconds: number;
  platform: { issuer: string; clientId: string; clientSecret: string } | null;
}

export function readAuthSettings(): AuthSettings {
  const config = getConfig();
  if (!config.AUTH_SECRET) {
    throw new ConfigError([
      'AUTH_SECRET: required to sign people in; set 32+ random characters (openssl rand -base64 32)',
    ]);
  }
  const platformParts = [
    config.ZK_PLATFORM_OIDC_ISSUER,
    config.ZK_PLATFORM_OIDC_CLIENT_ID,
    config.ZK_PLATFORM_OIDC_CLIENT_SECRET,
  ];
  const setCount = platformParts.filter((p) => p !== undefined).length;
  if (setCount !== 0 && setCount !== 3) {
    throw new ConfigError([
      'ZK_PLATFORM_OIDC_ISSUER, ZK_PLATFORM_OIDC_CLIENT_ID, ZK_PLATFORM_OIDC_CLIENT_SECRET: set all three or none',
    ]);
  }
  return {
    secret: config.AUTH_SECRET,
    sessionMaxAgeSeconds: config.ZK_SESSION_MAX_AGE_SECONDS,
    roleClaim: config.ZK_ROLE_CLAIM,
    adminGroup: config.ZK_ADMIN_GROUP,
    operatorEmails: config.ZK_PLATFORM_OPERATOR_EMAILS,
    operatorGroups: config.ZK_PLATFORM_OPERATOR_GROUPS,
    platform:
      setCount === 3
        ? {
            issuer: config.ZK_PLATFORM_OIDC_ISSUER!,
            clientId: config.ZK_PLATFORM_OIDC_CLIENT_ID!,
            clientSecret: config.ZK_PLATFORM_OIDC_CLIENT_SECRET!,
          }
        : null,
  };
}
