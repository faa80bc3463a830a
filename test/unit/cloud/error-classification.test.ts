// Each vendor's classification table, as its adapter applies it to what the SDK or node-vault
// throws: the vendor code, the class, and whether another try can help (exactly the classes
// that clear on their own).
import { describe, expect, it } from 'vitest';
import { AWS_ERROR_CLASSES, toAwsCloudError } from '@/server/cloud/aws-error';
import { CloudError, isRetryableClass } from '@/server/cloud/cloud-error';
import { toVaultCloudError, VAULT_STATUS_CLASSES } from '@/server/cloud/vault-error';
import { ERROR_CLASSES } from '@/db/schema/enums';

// What AWS SDK v3 throws: the error's name is the AWS code (some with "Exception").
const sdkError = (name: string, status: number, message = `${name} happened`) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

// What node-vault throws for a non-2xx answer.
const vaultError = (status: number, errors: string[] = []) =>
  Object.assign(new Error(errors[0] ?? `Status ${status}`), {
    response: { statusCode: status, body: { errors } },
  });

describe('AWS classification (Route 53, IAM, STS)', () => {
  it.each([
    ['route53', 'Throttling', 400, 'Throttling', 'throttled', true],
    ['iam', 'ThrottlingException', 400, 'Throttling', 'throttled', true],
    ['sts', 'RequestLimitExceeded', 400, 'RequestLimitExceeded', 'throttled', true],
    ['route53', 'PriorRequestNotComplete', 400, 'PriorRequestNotComplete', 'busy', true],
    ['iam', 'ConcurrentModificationException', 409, 'ConcurrentModification', 'busy', true],
    ['route53', 'ServiceUnavailable', 503, 'ServiceUnavailable', 'unavailable', true],
    ['iam', 'ServiceFailureException', 500, 'ServiceFailure', 'unavailable', true],
    ['route53', 'InternalFailure', 500, 'InternalFailure', 'unavailable', true],
    ['route53', 'AccessDenied', 403, 'AccessDenied', 'denied', false],
    ['iam', 'AccessDeniedException', 403, 'AccessDenied', 'denied', false],
    ['sts', 'InvalidClientTokenId', 403, 'InvalidClientTokenId', 'denied', false],
    ['sts', 'SignatureDoesNotMatch', 403, 'SignatureDoesNotMatch', 'denied', false],
    ['sts', 'ExpiredTokenException', 400, 'ExpiredToken', 'denied', false],
    ['route53', 'TooManyHostedZones', 400, 'TooManyHostedZones', 'quota', false],
    ['iam', 'LimitExceededException', 409, 'LimitExceeded', 'quota', false],
    ['route53', 'InvalidChangeBatch', 400, 'InvalidChangeBatch', 'invalid', false],
    ['route53', 'InvalidInput', 400, 'InvalidInput', 'invalid', false],
    ['iam', 'MalformedPolicyDocumentException', 400, 'MalformedPolicyDocument', 'invalid', false],
    ['route53', 'NoSuchHostedZone', 404, 'NoSuchHostedZone', 'not-found', false],
    ['iam', 'NoSuchEntityException', 404, 'NoSuchEntity', 'not-found', false],
    ['route53', 'HostedZoneAlreadyExists', 409, 'HostedZoneAlreadyExists', 'conflict', false],
    ['route53', 'HostedZoneNotEmpty', 400, 'HostedZoneNotEmpty', 'conflict', false],
    ['iam', 'EntityAlreadyExistsException', 409, 'EntityAlreadyExists', 'conflict', false],
    ['iam', 'DeleteConflictException', 409, 'DeleteConflict', 'conflict', false],
    // Codes no table names: the HTTP status decides, and an unknown 400 stays unknown.
    ['route53', 'SomethingNew', 502, 'SomethingNew', 'unavailable', true],
    ['iam', 'SomethingNew', 429, 'SomethingNew', 'throttled', true],
    ['iam', 'SomethingNew', 403, 'SomethingNew', 'denied', false],
    ['iam', 'SomethingNew', 400, 'SomethingNew', 'unknown', false],
  ] as const)(
    '%s %s (HTTP %i) is %s, class %s, retryable %s',
    (service, name, status, code, errorClass, retryable) => {
      const error = toAwsCloudError(service, sdkError(name, status));
      expect({
        service: error.service,
        code: error.vendorCode,
        errorClass: error.errorClass,
        retryable: error.retryable,
        status: error.status,
      }).toEqual({ service, code, errorClass, retryable, status });
    },
  );

  it('classes a call without any HTTP answer as unavailable, and retries it', () => {
    const error = toAwsCloudError(
      'route53',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    );
    expect([error.vendorCode, error.errorClass, error.retryable]).toEqual([
      'ECONNREFUSED',
      'unavailable',
      true,
    ]);
    expect(error.detail).toBe('no answer (ECONNREFUSED)');
  });

  it('names only known classes, with codes as the SDK reports them once "Exception" is cut', () => {
    for (const [code, errorClass] of Object.entries(AWS_ERROR_CLASSES)) {
      expect(ERROR_CLASSES).toContain(errorClass);
      expect(code).not.toMatch(/Exception$/);
    }
  });

  it('keeps the vendor message as the detail, redacted', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const error = toAwsCloudError(
      'iam',
      sdkError('InvalidInput', 400, `bad value ${secret} given`),
    );
    expect(error.detail).toBe('bad value [redacted] given');
    expect(error.message).toBe('IAM: bad value [redacted] given (InvalidInput)');
  });

  it('passes an error already classified through unchanged', () => {
    const classified = new CloudError('sts', {
      vendorCode: 'KeyNotAccepted',
      errorClass: 'busy',
      message: 'not yet',
    });
    expect(toAwsCloudError('sts', classified)).toBe(classified);
  });
});

describe('Vault classification (HTTP statuses)', () => {
  it.each([
    [400, ['invalid path'], 'invalid', false],
    [403, ['permission denied'], 'denied', false],
    [404, [], 'not-found', false],
    [405, [], 'invalid', false],
    [412, [], 'busy', true],
    [429, [], 'throttled', true],
    [500, ['internal error'], 'unavailable', true],
    [502, [], 'unavailable', true],
    [503, ['Vault is sealed'], 'unavailable', true],
    // Not in the table: its HTTP meaning.
    [504, [], 'unavailable', true],
    [409, [], 'conflict', false],
    [418, [], 'unknown', false],
  ] as const)('HTTP %i is class %s, retryable %s', (status, errors, errorClass, retryable) => {
    const error = toVaultCloudError(vaultError(status, [...errors]));
    expect({
      service: error.service,
      code: error.vendorCode,
      errorClass: error.errorClass,
      retryable: error.retryable,
    }).toEqual({ service: 'vault', code: `HTTP${status}`, errorClass, retryable });
  });

  it('names only known classes', () => {
    for (const errorClass of Object.values(VAULT_STATUS_CLASSES)) {
      expect(ERROR_CLASSES).toContain(errorClass);
    }
  });

  it('classes no answer at all as unavailable, named by the socket error', () => {
    const error = toVaultCloudError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );
    expect([error.vendorCode, error.errorClass, error.retryable, error.detail]).toEqual([
      'ECONNREFUSED',
      'unavailable',
      true,
      'no answer from Vault',
    ]);
  });

  it('keeps Vault’s own error list as the detail', () => {
    expect(toVaultCloudError(vaultError(503, ['Vault is sealed'])).detail).toBe('Vault is sealed');
  });
});

describe('retryable classes', () => {
  it.each(ERROR_CLASSES)('%s', (errorClass) => {
    expect(isRetryableClass(errorClass)).toBe(
      ['throttled', 'busy', 'unavailable'].includes(errorClass),
    );
  });
});
