// Backoff with full jitter stays within [0, min(max, base * 2^attempt)]; withRetry retries only
// what can succeed on a second try, a bounded number of times; AWS failures are sorted into
// retryable (throttling, a busy zone, 5xx, no answer) and not (everything the caller must handle).
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toAwsCloudError } from '@/server/cloud/aws-error';
import { CloudError } from '@/server/cloud/cloud-error';
import { backoffDelayMs, withRetry, type RetryPolicy } from '@/server/cloud/with-retry';

const POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('backoffDelayMs', () => {
  it('is between 0 and min(max, base * 2^attempt), whatever the jitter draws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, draw) => {
          const delay = backoffDelayMs(attempt, POLICY, () => draw);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(1_000, 100 * 2 ** attempt));
        },
      ),
    );
  });

  it('spans the whole window: 0 at the lowest draw, the ceiling at the highest', () => {
    expect(backoffDelayMs(2, POLICY, () => 0)).toBe(0);
    expect(backoffDelayMs(2, POLICY, () => 0.99999)).toBe(400);
    expect(backoffDelayMs(10, POLICY, () => 0.99999)).toBe(1_000);
  });
});

describe('withRetry', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const transient = () =>
    new CloudError('route53', {
      vendorCode: 'Throttling',
      errorClass: 'throttled',
      message: 'Rate exceeded',
    });
  const isRetryable = (error: unknown) => error instanceof CloudError && error.retryable;

  it('retries a transient failure until the call succeeds', async () => {
    let calls = 0;
    const retried: unknown[] = [];
    const result = withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw transient();
        return 'done';
      },
      isRetryable,
      POLICY,
      (error) => retried.push(error),
    );
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('done');
    expect(calls).toBe(3);
    expect(retried).toHaveLength(2);
  });

  it('gives up after the policy’s attempts, with the last error', async () => {
    let calls = 0;
    const result = withRetry(
      async () => {
        calls += 1;
        throw transient();
      },
      isRetryable,
      POLICY,
    );
    const settled = expect(result).rejects.toThrow(/Rate exceeded/);
    await vi.runAllTimersAsync();
    await settled;
    expect(calls).toBe(POLICY.attempts);
  });

  it('does not retry a failure that another try cannot fix', async () => {
    let calls = 0;
    const result = withRetry(
      async () => {
        calls += 1;
        throw new CloudError('iam', {
          vendorCode: 'LimitExceeded',
          errorClass: 'quota',
          message: 'Cannot exceed quota for AccessKeysPerUser: 2',
        });
      },
      isRetryable,
      POLICY,
    );
    await expect(result).rejects.toThrow(/AccessKeysPerUser/);
    expect(calls).toBe(1);
  });
});

describe('toAwsCloudError: which AWS failures are retryable', () => {
  const sdkError = (name: string, status?: number) =>
    Object.assign(new Error(`${name} happened`), {
      name,
      ...(status !== undefined && { $metadata: { httpStatusCode: status } }),
    });

  it.each([
    ['Throttling', 400],
    ['ThrottlingException', 400],
    ['PriorRequestNotComplete', 400],
    ['ServiceUnavailable', 503],
    ['InternalFailure', 500],
    // IAM's 500, as the IAM SDK names it.
    ['ServiceFailureException', 500],
    ['SomethingNew', 502],
  ])('retries %s (HTTP %i)', (name, status) => {
    expect(toAwsCloudError('route53', sdkError(name, status)).retryable).toBe(true);
  });

  it('retries a call that got no HTTP answer (reset, refused, timeout)', () => {
    const error = toAwsCloudError(
      'route53',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    );
    expect(error.retryable).toBe(true);
  });

  it.each([
    ['InvalidChangeBatch', 400],
    ['HostedZoneNotEmpty', 400],
    ['HostedZoneAlreadyExists', 409],
    ['NoSuchHostedZone', 404],
    ['AccessDenied', 403],
    ['EntityAlreadyExistsException', 409],
    ['LimitExceededException', 409],
    ['DeleteConflictException', 409],
    ['NoSuchEntityException', 404],
  ])('does not retry %s (HTTP %i)', (name, status) => {
    expect(toAwsCloudError('iam', sdkError(name, status)).retryable).toBe(false);
  });

  it('names IAM errors by their AWS code, not the SDK class name', () => {
    expect(toAwsCloudError('iam', sdkError('EntityAlreadyExistsException', 409)).vendorCode).toBe(
      'EntityAlreadyExists',
    );
  });
});
