// Failed steps in words a person understands, for each kind of stored error.
import { describe, expect, it } from 'vitest';
import { CloudError } from '@/server/cloud/cloud-error';
import { explainStepError } from '@/server/provisioning/explain-step-error';

const NOW = new Date('2026-08-14T09:30:00.000Z');
const LATER = new Date('2026-08-14T09:42:10.000Z');

// Stored errors are CloudError messages; building them through the class keeps the test honest
// when that format changes.
const cloud = (service: CloudError['service'], vendorCode: string, message: string) =>
  new CloudError(service, { vendorCode, message, retryable: false }).message;

describe('explainStepError', () => {
  it.each([
    [
      cloud('route53', 'Throttling', 'Rate exceeded'),
      'Route 53 is rate-limiting us; retrying at 09:42 UTC.',
    ],
    [
      cloud('iam', 'Throttling', 'Rate exceeded'),
      'IAM is rate-limiting us; retrying at 09:42 UTC.',
    ],
    [
      cloud('vault', 'HTTP429', 'Vault answered 429'),
      'Vault is rate-limiting us; retrying at 09:42 UTC.',
    ],
    [
      cloud('route53', 'PriorRequestNotComplete', 'The request was rejected'),
      'Route 53 is still applying an earlier change to this zone; retrying at 09:42 UTC.',
    ],
    [
      cloud('iam', 'AccessDenied', 'User is not authorized to perform iam:CreateUser'),
      "IAM denied access to Zonekeeper's own credentials (AccessDenied). A platform operator must fix their permissions; retrying at 09:42 UTC.",
    ],
    [
      cloud('vault', 'HTTP403', 'permission denied'),
      "Vault denied access to Zonekeeper's own credentials (HTTP403). A platform operator must fix their permissions; retrying at 09:42 UTC.",
    ],
    [
      cloud('route53', 'ServiceUnavailable', 'try later'),
      'Route 53 is unavailable or did not answer; retrying at 09:42 UTC.',
    ],
    [
      cloud('vault', 'HTTP503', 'Vault is sealed'),
      'Vault is unavailable or did not answer; retrying at 09:42 UTC.',
    ],
    [
      cloud('iam', 'ECONNREFUSED', 'no answer (ECONNREFUSED)'),
      'IAM is unavailable or did not answer; retrying at 09:42 UTC.',
    ],
    [
      cloud('route53', 'TooManyHostedZones', 'Limit of 500 hosted zones reached'),
      'An AWS quota was reached (Route 53: Limit of 500 hosted zones reached). A platform operator must raise it; retrying at 09:42 UTC.',
    ],
    [
      cloud(
        'sts',
        'InvalidClientTokenId',
        'the new access key was not accepted within 60 s (last answer: x)',
      ),
      'AWS has not accepted the new access key yet (IAM takes a moment to spread a new key); retrying at 09:42 UTC.',
    ],
    [
      cloud('sts', 'KeyNotAccepted', 'the new access key was not accepted within 60 s'),
      'AWS has not accepted the new access key yet (IAM takes a moment to spread a new key); retrying at 09:42 UTC.',
    ],
    [
      cloud('route53', 'InvalidChangeBatch', 'RRSet already exists'),
      'Route 53 refused the request: RRSet already exists (InvalidChangeBatch). Retrying at 09:42 UTC.',
    ],
    [
      'The hosted zone is not created yet.',
      'The hosted zone is not created yet. Retrying at 09:42 UTC.',
    ],
  ])('%s', (lastError, expected) => {
    expect(explainStepError({ lastError, nextRetryAt: LATER }, NOW)).toBe(expected);
  });

  it('says "shortly" when the retry is due or asked for (no time, or a time past)', () => {
    const lastError = cloud('route53', 'Throttling', 'Rate exceeded');
    expect(explainStepError({ lastError, nextRetryAt: null }, NOW)).toBe(
      'Route 53 is rate-limiting us; retrying shortly.',
    );
    expect(explainStepError({ lastError, nextRetryAt: new Date(NOW.getTime() - 1) }, NOW)).toBe(
      'Route 53 is rate-limiting us; retrying shortly.',
    );
  });
});
