import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, redactText } from '@/server/log/redact-secrets';

// A made-up secret with the shape of an AWS secret access key (40 characters).
const FAKE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('redactSecrets', () => {
  it('hides values under secret-looking keys, at any depth', () => {
    const out = redactSecrets({
      user: 'zk',
      nested: { secretAccessKey: 'x', list: [{ vaultToken: 'y' }] },
    });
    expect(out).toEqual({
      user: 'zk',
      nested: { secretAccessKey: REDACTED, list: [{ vaultToken: REDACTED }] },
    });
  });

  it('hides AWS-secret-shaped strings inside messages and errors', () => {
    expect(redactText(`failed with key ${FAKE_SECRET} now`)).toBe(
      `failed with key ${REDACTED} now`,
    );
    const out = redactSecrets({ error: new Error(`boom ${FAKE_SECRET}`) }) as {
      error: { message: string };
    };
    expect(out.error.message).toBe(`boom ${REDACTED}`);
  });

  it('leaves ordinary identifiers alone', () => {
    expect(redactText('zone Z0123456789ABCDEFGHIJ for acme.zonekeeper.test')).toBe(
      'zone Z0123456789ABCDEFGHIJ for acme.zonekeeper.test',
    );
  });
});
