// Failed steps in words a person understands, for each class of stored error.
import { describe, expect, it } from 'vitest';
import type { CloudService, ErrorClass } from '@/db/schema/enums';
import { ERROR_CLASSES } from '@/db/schema/enums';
import { explainStepError } from '@/server/provisioning/explain-step-error';
import type { StepError } from '@/server/provisioning/step-error';

const NOW = new Date('2026-08-14T09:30:00.000Z');
const LATER = new Date('2026-08-14T09:42:10.000Z');

// As the step's columns hold it; `retryable` does not change the words, the class does.
const stored = (
  service: CloudService | null,
  code: string | null,
  errorClass: ErrorClass,
  message: string,
): StepError => ({ service, code, errorClass, retryable: false, message });

describe('explainStepError', () => {
  it.each([
    [
      stored('route53', 'Throttling', 'throttled', 'Rate exceeded'),
      'Route 53 is rate-limiting us; retrying at 09:42 UTC.',
    ],
    [
      stored('iam', 'Throttling', 'throttled', 'Rate exceeded'),
      'IAM is rate-limiting us; retrying at 09:42 UTC.',
    ],
    [
      stored('vault', 'HTTP429', 'throttled', 'Vault answered 429'),
      'Vault is rate-limiting us; retrying at 09:42 UTC.',
    ],
    [
      stored('route53', 'PriorRequestNotComplete', 'busy', 'The request was rejected'),
      'Route 53 is still applying an earlier change to this zone; retrying at 09:42 UTC.',
    ],
    [
      stored(
        'sts',
        'InvalidClientTokenId',
        'busy',
        'the new access key was not accepted within 60 s',
      ),
      'AWS has not accepted the new access key yet (IAM takes a moment to spread a new key); retrying at 09:42 UTC.',
    ],
    [
      stored('iam', 'ConcurrentModification', 'busy', 'Two writes at once'),
      'IAM is still applying an earlier change; retrying at 09:42 UTC.',
    ],
    [
      stored('iam', 'AccessDenied', 'denied', 'User is not authorized to perform iam:CreateUser'),
      "IAM denied access to Zonekeeper's own credentials (AccessDenied). A platform operator must fix their permissions; retrying at 09:42 UTC.",
    ],
    [
      stored('vault', 'HTTP403', 'denied', 'permission denied'),
      "Vault denied access to Zonekeeper's own credentials (HTTP403). A platform operator must fix their permissions; retrying at 09:42 UTC.",
    ],
    [
      stored('route53', 'ServiceUnavailable', 'unavailable', 'try later'),
      'Route 53 is unavailable or did not answer; retrying at 09:42 UTC.',
    ],
    [
      stored('vault', 'ECONNREFUSED', 'unavailable', 'no answer from Vault'),
      'Vault is unavailable or did not answer; retrying at 09:42 UTC.',
    ],
    [
      stored('route53', 'TooManyHostedZones', 'quota', 'Limit of 500 hosted zones reached'),
      'A Route 53 quota was reached: Limit of 500 hosted zones reached (TooManyHostedZones). A platform operator must raise it; retrying at 09:42 UTC.',
    ],
    [
      stored('route53', 'InvalidChangeBatch', 'invalid', 'RRSet already exists'),
      'Route 53 refused the request as invalid: RRSet already exists (InvalidChangeBatch). Retrying at 09:42 UTC.',
    ],
    [
      stored('iam', 'NoSuchEntity', 'not-found', 'The user with name x cannot be found.'),
      'IAM could not find what the request names: The user with name x cannot be found (NoSuchEntity). Retrying at 09:42 UTC.',
    ],
    [
      stored(
        'iam',
        'DeleteConflict',
        'conflict',
        'Cannot delete entity, must detach all policies first.',
      ),
      'IAM refused the request as conflicting with what exists: Cannot delete entity, must detach all policies first (DeleteConflict). Retrying at 09:42 UTC.',
    ],
    [
      stored('route53', 'SomethingNew', 'unknown', 'A new kind of refusal'),
      'Route 53 refused the request: A new kind of refusal (SomethingNew). Retrying at 09:42 UTC.',
    ],
    [
      stored(null, null, 'conflict', 'The hosted zone is not created yet.'),
      'The hosted zone is not created yet. Retrying at 09:42 UTC.',
    ],
    [
      stored(null, null, 'internal', 'An unexpected error occurred (error id 1a2b3c4d).'),
      'An unexpected error occurred (error id 1a2b3c4d). Retrying at 09:42 UTC.',
    ],
    // A row stored before errors were classified: its old free text, class unknown.
    [
      stored(null, null, 'unknown', 'Route 53: Rate exceeded (Throttling)'),
      'Route 53: Rate exceeded (Throttling) Retrying at 09:42 UTC.',
    ],
  ])('%j', (error, expected) => {
    expect(explainStepError({ error, nextRetryAt: LATER }, NOW)).toBe(expected);
  });

  it.each(ERROR_CLASSES)('explains class %s of every service in a sentence', (errorClass) => {
    for (const service of ['route53', 'iam', 'sts', 'vault'] as const) {
      const text = explainStepError(
        { error: stored(service, 'Code', errorClass, 'said'), nextRetryAt: LATER },
        NOW,
      );
      expect(text).toMatch(/^[A-Z].*retrying at 09:42 UTC\.$/i);
    }
  });

  it('says "shortly" when the retry is due or asked for (no time, or a time past)', () => {
    const error = stored('route53', 'Throttling', 'throttled', 'Rate exceeded');
    expect(explainStepError({ error, nextRetryAt: null }, NOW)).toBe(
      'Route 53 is rate-limiting us; retrying shortly.',
    );
    expect(explainStepError({ error, nextRetryAt: new Date(NOW.getTime() - 1) }, NOW)).toBe(
      'Route 53 is rate-limiting us; retrying shortly.',
    );
  });
});
