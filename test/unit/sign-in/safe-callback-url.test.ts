import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from '@/app/sign-in/safe-callback-url';

describe('safeCallbackUrl', () => {
  it.each(['/orgs/acme', '/orgs?tab=members#invite', '/orgs/acme/sign-in-settings'])(
    'keeps the path %s on this site',
    (path) => {
      expect(safeCallbackUrl(path)).toBe(path);
    },
  );

  it.each([
    ['another origin', 'https://evil.test/'],
    ['a protocol-relative URL', '//evil.test/'],
    ['a backslash read as a slash', '/\\evil.test'],
    ['backslashes only', '\\\\evil.test'],
    ['a slash and a backslash', '/\\/evil.test'],
    ['a tab browsers drop', '/\t/evil.test'],
    ['a newline browsers drop', '/\n/evil.test'],
    ['a carriage return', '/\r/evil.test'],
    ['a leading space', ' /orgs'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['the sign-in page (a loop)', '/sign-in?callbackUrl=/orgs'],
    ['not a string', ['/orgs']],
  ])('refuses %s', (_what, value) => {
    expect(safeCallbackUrl(value)).toBe('/orgs');
  });

  it('keeps an encoded slash as part of the path, where it names no host', () => {
    expect(safeCallbackUrl('/%2F%2Fevil.test')).toBe('/%2F%2Fevil.test');
  });
});
