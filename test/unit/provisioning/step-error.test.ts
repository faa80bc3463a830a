// What a step stores about its failure: the adapter's classification taken as is, our own
// errors in the same classes, nothing of an unexpected error but an id; and what it reads back,
// also from rows stored before errors were classified.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CloudError } from '@/server/cloud/cloud-error';
import { DomainError } from '@/server/errors/domain-error';
import {
  formatStepError,
  stepErrorColumns,
  stepErrorOf,
  toStepError,
} from '@/server/provisioning/step-error';

describe('toStepError', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('takes a CloudError’s classification and its redacted detail, not its formatted message', () => {
    const error = new CloudError('route53', {
      vendorCode: 'Throttling',
      errorClass: 'throttled',
      message: 'Rate exceeded',
      status: 400,
    });
    expect(toStepError(error)).toEqual({
      service: 'route53',
      code: 'Throttling',
      errorClass: 'throttled',
      retryable: true,
      message: 'Rate exceeded',
    });
  });

  it.each([
    ['conflict', 'conflict', false],
    ['invalid_input', 'invalid', false],
    ['not_found', 'not-found', false],
    ['forbidden', 'denied', false],
    ['unavailable', 'unavailable', true],
    ['internal', 'internal', false],
  ] as const)('classes our own %s as %s (retryable %s)', (code, errorClass, retryable) => {
    expect(toStepError(new DomainError(code, 'The hosted zone is not created yet.'))).toEqual({
      service: null,
      code: null,
      errorClass,
      retryable,
      message: 'The hosted zone is not created yet.',
    });
  });

  it('stores only an error id for an unexpected error, and logs the rest', () => {
    const logged = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stored = toStepError(new TypeError('cannot read x of undefined'));
    expect(stored).toMatchObject({ service: null, code: null, errorClass: 'internal' });
    expect(stored.message).toMatch(/^An unexpected error occurred \(error id [0-9a-f]{8}\)\.$/);
    const id = /error id ([0-9a-f]{8})/.exec(stored.message)?.[1];
    expect(String(logged.mock.calls[0]?.[0])).toContain(id);
    expect(String(logged.mock.calls[0]?.[0])).toContain('cannot read x of undefined');
  });
});

describe('step error columns', () => {
  it('round-trips through the columns, and clears them all', () => {
    const error = toStepError(
      new CloudError('vault', { vendorCode: 'HTTP403', errorClass: 'denied', message: 'denied' }),
    );
    const columns = stepErrorColumns(error);
    expect(columns).toEqual({
      errorService: 'vault',
      errorCode: 'HTTP403',
      errorClass: 'denied',
      errorRetryable: false,
      lastError: 'denied',
    });
    expect(stepErrorOf(columns)).toEqual(error);
    expect(stepErrorOf(stepErrorColumns(null))).toBeNull();
  });

  it('reads a row from before classification as its old text, class unknown', () => {
    expect(
      stepErrorOf({
        errorService: null,
        errorCode: null,
        errorClass: null,
        errorRetryable: null,
        lastError: 'Route 53: Rate exceeded (Throttling)',
      }),
    ).toEqual({
      service: null,
      code: null,
      errorClass: 'unknown',
      retryable: false,
      message: 'Route 53: Rate exceeded (Throttling)',
    });
  });

  it('formats one line for the org and the audit trail', () => {
    expect(
      formatStepError({
        service: 'route53',
        code: 'Throttling',
        errorClass: 'throttled',
        retryable: true,
        message: 'Rate exceeded',
      }),
    ).toBe('Route 53: Rate exceeded (Throttling)');
  });
});
