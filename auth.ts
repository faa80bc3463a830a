// Auth.js entry points. The configuration is built per request (lazy init) because providers
// come from the database: each org with a registered IdP signs in as provider `org-<slug>`.
import NextAuth from 'next-auth';
import { buildAuthConfig } from './app/_lib/build-auth-config';

const AUTH_ROUTE = /\/api\/auth\/(?:signin|callback)\/([a-z0-9-]+)/;

export const { handlers, auth, signOut } = NextAuth(async (request) => {
  const providerId = request ? (AUTH_ROUTE.exec(new URL(request.url).pathname)?.[1] ?? null) : null;
  return buildAuthConfig(providerId);
});

/**
 * Starts the sign-in with one provider from a server action. Only the authorization request is
 * made here, which needs no client secret: Vault is read when the code is exchanged.
 */
export async function signInWith(
  providerId: string,
  redirectTo: string,
  authorizationParams?: Record<string, string>,
): Promise<never> {
  const config = await buildAuthConfig(providerId, { withSecret: false });
  await NextAuth(config).signIn(providerId, { redirectTo }, authorizationParams);
  throw new Error('signIn returned without redirecting');
}
