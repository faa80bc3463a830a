// Maps an AWS SDK failure to a CloudError: the vendor code, and whether retrying can help
// (throttling, a zone still busy with an earlier change, 5xx, no answer at all).
import { CloudError, type CloudService } from './cloud-error';

const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'PriorRequestNotComplete',
  'ServiceUnavailable',
  'ServiceFailure',
  'InternalFailure',
  'InternalError',
]);

interface SdkFailure {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function toAwsCloudError(service: CloudService, error: unknown): CloudError {
  if (error instanceof CloudError) return error;
  const failure = (error ?? {}) as SdkFailure;
  const status = failure.$metadata?.httpStatusCode;
  // SDK v3 names some errors after their class (IAM's EntityAlreadyExists arrives as
  // EntityAlreadyExistsException): compare by the AWS error code.
  const name =
    failure.name && failure.name !== 'Error' ? failure.name : (failure.code ?? 'Unknown');
  const vendorCode = name.replace(/(.)Exception$/, '$1');
  if (status === undefined) {
    // No HTTP answer (reset, refused, timeout): the request may or may not have been applied;
    // every operation we retry is idempotent or detects its own earlier success.
    return new CloudError(service, {
      vendorCode,
      message: `no answer (${failure.code ?? failure.message ?? 'network error'})`,
      retryable: true,
    });
  }
  return new CloudError(service, {
    vendorCode,
    message: failure.message ?? `HTTP ${status}`,
    retryable: RETRYABLE_CODES.has(vendorCode) || status >= 500,
    status,
  });
}

export const isRetryableCloudError = (error: unknown) =>
  error instanceof CloudError && error.retryable;
