// The Auth.js configuration for one request. Sessions are JWT cookies (httpOnly, SameSite=Lax,
// Secure on https) backed by a server-side session row, so sign-out and expiry end them for good.
import type { NextAuthConfig } from 'next-auth';
import { findUserOfAccount } from '@/server/auth/find-user-of-account';
import { SignInRefused, recordSignIn } from '@/server/auth/record-sign-in';
import { endSession, startSession, userOfSession } from '@/server/auth/sessions';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { logger } from '@/server/log/logger';
import { getStore } from '@/server/store';
import { providerFor } from './auth-providers';
import { readAuthSettings } from './auth-settings';

/**
 * `providerId`: the provider this request signs in with (from /api/auth/signin|callback/<id>);
 * null for requests that only read the session, which need no provider at all.
 */
export async function buildAuthConfig(
  providerId: string | null,
  options: { withSecret: boolean } = { withSecret: true },
): Promise<NextAuthConfig> {
  const settings = readAuthSettings();
  const provider = providerId ? await providerFor(providerId, settings, options) : null;
  const errorPage = `/sign-in/error/${providerId ?? 'unknown'}`;
  return {
    secret: settings.secret,
    // No `trustHost: true`: Auth.js then trusts the Host header only where the deployment says
    // so (AUTH_URL, which also fixes the origin, or AUTH_TRUST_HOST=true behind a proxy).
    providers: provider ? [provider] : [],
    session: { strategy: 'jwt', maxAge: settings.sessionMaxAgeSeconds },
    jwt: { maxAge: settings.sessionMaxAgeSeconds },
    pages: { signIn: '/sign-in', error: errorPage },
    logger: {
      // The operator's side of every failed sign-in; the person sees the error page instead.
      error: (error) => logger.error('sign-in failed', { provider: providerId, error }),
      warn: (code) => logger.warn('Auth.js warning', { code }),
      debug: () => {},
    },
    callbacks: {
      async signIn({ account, profile }) {
        if (!account || !profile) return `${errorPage}?error=AccessDenied`;
        try {
          await recordSignIn(await getStore(), settings, {
            providerId: account.provider,
            // The provider built for this request is the one whose issuer signed the ID token.
            issuer: provider?.issuer ?? '',
            subject: account.providerAccountId,
            claims: profile as Record<string, unknown>,
          });
          return true;
        } catch (error) {
          if (error instanceof SignInRefused) {
            logger.warn('sign-in refused', { provider: account.provider, reason: error.reason });
            return `${errorPage}?error=${error.reason}`;
          }
          throw error;
        }
      },
      async jwt({ token, account }) {
        const store = await getStore();
        if (!account) {
          // Every later read of the cookie, /api/auth/session included: a cookie whose
          // server-side session ended (sign-out, expiry, ended by an operator) is signed out,
          // and null makes Auth.js answer no session and clear the cookie instead of renewing it.
          if (typeof token.sid !== 'string' || typeof token.sub !== 'string') return null;
          return (await userOfSession(store, token.sid)) === token.sub ? token : null;
        }
        // First request after sign-in: bind the cookie to our user and a server-side session.
        const userId = await findUserOfAccount(store, account);
        if (!userId) throw new Error('signed-in account was not recorded');
        const sid = await startSession(store, userId, settings.sessionMaxAgeSeconds);
        return { sub: userId, sid, name: token.name, email: token.email };
      },
      session({ session, token }) {
        // The server-side session id stays inside the signed cookie: /api/auth/session is
        // readable by page scripts and has no use for it.
        session.user.id = token.sub ?? '';
        return session;
      },
    },
    events: {
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        if (!token || typeof token.sid !== 'string') return;
        const store = await getStore();
        await endSession(store, token.sid);
        await recordAuditEvent(store, {
          actor: { type: 'user', id: token.sub, label: token.email ?? 'unknown' },
          orgId: null,
          action: 'auth.signed_out',
          target: token.email ?? 'unknown',
          outcome: 'success',
        });
      },
    },
  };
}
