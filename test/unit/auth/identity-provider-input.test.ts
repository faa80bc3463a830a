// The sign-in settings' input bounds, checked on the server whatever the browser sent.
import { describe, expect, it } from 'vitest';
import { registerOrgIdentityProviderInput } from '@/server/auth/org-identity-provider';

const valid = {
  issuer: 'https://login.acme.test/realms/acme',
  clientId: 'zonekeeper',
  clientSecret: 's3cret-value',
};

describe('registerOrgIdentityProviderInput', () => {
  it('accepts values within their limits', () => {
    expect(registerOrgIdentityProviderInput.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['issuer', 'https://x.test/' + 'a'.repeat(2_000), /issuer URL is at most 2000 characters/],
    ['clientId', 'c'.repeat(256), /client id is at most 255 characters/],
    ['clientSecret', 's'.repeat(4_097), /client secret is at most 4096 characters/],
  ])('refuses a %s over its limit with a message that gives it', (field, value, message) => {
    const parsed = registerOrgIdentityProviderInput.safeParse({ ...valid, [field]: value });
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.filter((issue) => issue.path[0] === field);
    expect(issues.map((issue) => issue.message).join(' ')).toMatch(message);
  });
});
