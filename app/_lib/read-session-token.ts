// Reads the Auth.js session cookie without Auth.js's request wrapper, for the proxy: a valid,
// unexpired token is all the proxy needs; who the person is and what they may see is decided
// later, from the database (get-caller.ts).
import { decode, type JWT } from 'next-auth/jwt';
import { getConfig } from '@/server/config/config';
import { readAuthSettings } from './auth-settings';
import { createDecodedTokenCache } from './decoded-token-cache';

// Each entry is a few hundred bytes, so the bound keeps the cache to a couple of MB; beyond it the
// least recently seen cookie is decoded again on its next request.
const decoded = createDecodedTokenCache(5_000);

/** Auth.js names the cookie after the scheme: `__Secure-` on https, plain on http. */
export function sessionCookieName(): string {
  const secure = (getConfig().AUTH_URL ?? '').startsWith('https:');
  return secure ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

export async function readSessionToken(cookieValue: string | undefined): Promise<JWT | null> {
  if (!cookieValue) return null;
  const name = sessionCookieName();
  try {
    const { secret } = readAuthSettings();
    const known = decoded.get(secret, cookieValue, Date.now());
    if (known) return known;
    const token = await decode({ token: cookieValue, secret, salt: name });
    if (token) decoded.set(secret, cookieValue, token);
    return token;
  } catch {
    // Tampered, expired or from another secret (or no secret set): the same as no session.
    return null;
  }
}
