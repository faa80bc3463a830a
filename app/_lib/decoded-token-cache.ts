// Decoding an Auth.js session cookie derives a key (HKDF) and decrypts a JWE: about 1.5 ms of
// CPU, and every page request decodes its cookie twice (the proxy, then getCaller). The same
// cookie always decodes to the same token, so a decoded token is kept until its own expiry, for
// a bounded number of cookies. Only tokens that decoded are kept: a bad cookie is decoded (and
// refused) every time. The session behind a token is still checked against the database on every
// request (get-caller.ts), so a sign-out takes effect at once.
import type { JWT } from 'next-auth/jwt';

export interface DecodedTokenCache {
  get(secret: string, cookie: string, nowMs: number): JWT | undefined;
  set(secret: string, cookie: string, token: JWT): void;
}

export function createDecodedTokenCache(maxEntries: number): DecodedTokenCache {
  // Insertion order is the eviction order; a hit moves its entry to the end.
  const entries = new Map<string, { secret: string; token: JWT }>();
  return {
    get(secret, cookie, nowMs) {
      const entry = entries.get(cookie);
      if (!entry) return undefined;
      // A token from another secret (AUTH_SECRET rotated) or past its expiry is decoded anew.
      const expiresAtMs = typeof entry.token.exp === 'number' ? entry.token.exp * 1000 : 0;
      if (entry.secret !== secret || expiresAtMs <= nowMs) {
        entries.delete(cookie);
        return undefined;
      }
      entries.delete(cookie);
      entries.set(cookie, entry);
      return entry.token;
    },
    set(secret, cookie, token) {
      // Without an expiry there is nothing to bound the entry's life by: not kept.
      if (typeof token.exp !== 'number') return;
      entries.delete(cookie);
      entries.set(cookie, { secret, token });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
