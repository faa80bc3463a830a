import { describe, expect, it } from 'vitest';
import { createDecodedTokenCache } from '@/app/_lib/decoded-token-cache';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const token = (sub: string, expSeconds = NOW / 1000 + 3600) => ({ sub, exp: expSeconds });

describe('the decoded session token cache', () => {
  it('returns a kept token for the same cookie and secret', () => {
    const cache = createDecodedTokenCache(10);
    cache.set('secret', 'cookie-a', token('alice'));
    expect(cache.get('secret', 'cookie-a', NOW)?.sub).toBe('alice');
    expect(cache.get('secret', 'cookie-b', NOW)).toBeUndefined();
  });

  it('forgets a token at its expiry', () => {
    const cache = createDecodedTokenCache(10);
    cache.set('secret', 'cookie-a', token('alice', NOW / 1000 + 60));
    expect(cache.get('secret', 'cookie-a', NOW + 59_999)?.sub).toBe('alice');
    expect(cache.get('secret', 'cookie-a', NOW + 60_000)).toBeUndefined();
    // Gone for good, not only hidden: an earlier clock does not bring it back.
    expect(cache.get('secret', 'cookie-a', NOW)).toBeUndefined();
  });

  it('does not answer for a cookie under another secret (AUTH_SECRET rotated)', () => {
    const cache = createDecodedTokenCache(10);
    cache.set('old-secret', 'cookie-a', token('alice'));
    expect(cache.get('new-secret', 'cookie-a', NOW)).toBeUndefined();
    expect(cache.get('old-secret', 'cookie-a', NOW)).toBeUndefined();
  });

  it('keeps no token without an expiry', () => {
    const cache = createDecodedTokenCache(10);
    cache.set('secret', 'cookie-a', { sub: 'alice' });
    expect(cache.get('secret', 'cookie-a', NOW)).toBeUndefined();
  });

  it('holds at most its bound, dropping the least recently used cookie first', () => {
    const cache = createDecodedTokenCache(2);
    cache.set('secret', 'a', token('alice'));
    cache.set('secret', 'b', token('bob'));
    expect(cache.get('secret', 'a', NOW)?.sub).toBe('alice'); // a is now the most recent
    cache.set('secret', 'c', token('carol'));
    expect(cache.get('secret', 'b', NOW)).toBeUndefined();
    expect(cache.get('secret', 'a', NOW)?.sub).toBe('alice');
    expect(cache.get('secret', 'c', NOW)?.sub).toBe('carol');
  });
});
