// Maps an AWS SDK failure (Route 53, IAM, STS) to a CloudError: the vendor code, and its class
// from the one table below, which is where AWS's codes are named. Retrying helps exactly for the
// classes that clear on their own (throttling, a zone still busy with an earlier change, 5xx,
// no answer at all).
import { classOfHttpStatus, CloudError, type CloudService, type ErrorClass } from './cloud-error';

/** AWS error codes (the SDK's names without "Exception") by what they mean for us. */
export const AWS_ERROR_CLASSES: Readonly<Record<string, ErrorClass>> = {
  // Route 53 answers Throttling (400); IAM and STS also use the others.
  Throttling: 'throttled',
  RequestLimitExceeded: 'throttled',
  TooManyRequests: 'throttled',
  // Route 53: the zone is still applying an earlier change. IAM: two writes to one entity at once.
  PriorRequestNotComplete: 'busy',
  ConcurrentModification: 'busy',
  ServiceUnavailable: 'unavailable',
  // IAM's 500 is ServiceFailure; Route 53 and STS say InternalFailure or InternalError.
  ServiceFailure: 'unavailable',
  InternalFailure: 'unavailable',
  InternalError: 'unavailable',
  AccessDenied: 'denied',
  UnauthorizedOperation: 'denied',
  InvalidClientTokenId: 'denied',
  SignatureDoesNotMatch: 'denied',
  ExpiredToken: 'denied',
  UnrecognizedClient: 'denied',
  MissingAuthenticationToken: 'denied',
  // Route 53: 500 hosted zones per account by default. IAM: a third access key, a sixth policy
  // version, the account's users or policies.
  TooManyHostedZones: 'quota',
  LimitExceeded: 'quota',
  InvalidChangeBatch: 'invalid',
  InvalidInput: 'invalid',
  InvalidDomainName: 'invalid',
  InvalidArgument: 'invalid',
  MalformedPolicyDocument: 'invalid',
  ValidationError: 'invalid',
  NoSuchHostedZone: 'not-found',
  NoSuchChange: 'not-found',
  NoSuchEntity: 'not-found',
  HostedZoneAlreadyExists: 'conflict',
  HostedZoneNotEmpty: 'conflict',
  ConflictingDomainExists: 'conflict',
  EntityAlreadyExists: 'conflict',
  DeleteConflict: 'conflict',
};

interface SdkFailure {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The class of an AWS answer: the table first, then what the HTTP status says. */
function classifyAwsError(vendorCode: string, status: number): ErrorClass {
  return Object.hasOwn(AWS_ERROR_CLASSES, vendorCode)
    ? AWS_ERROR_CLASSES[vendorCode]!
    : classOfHttpStatus(status);
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
      errorClass: 'unavailable',
      message: `no answer (${failure.code ?? failure.message ?? 'network error'})`,
    });
  }
  return new CloudError(service, {
    vendorCode,
    errorClass: classifyAwsError(vendorCode, status),
    message: failure.message ?? `HTTP ${status}`,
    status,
  });
}

export const isRetryableCloudError = (error: unknown) =>
  error instanceof CloudError && error.retryable;
