// A failed step's error as data: the adapter's classification of a CloudError (or ours, for a
// DomainError) as stored in the step's columns, and read back from them. Classes come from the
// adapters' tables (server/cloud/); nothing here looks at vendor codes.
import { randomUUID } from 'node:crypto';
import type { ProvisioningStep } from '@/db/rows';
import type { CloudService, ErrorClass } from '@/db/schema/enums';
import { CloudError, isRetryableClass, serviceLabel } from '../cloud/cloud-error';
import { DomainError, type ErrorCode } from '../errors/domain-error';
import { logger } from '../log/logger';
import { redactText } from '../log/redact-secrets';

export interface StepError {
  /** Who refused; null for Zonekeeper's own errors. */
  service: CloudService | null;
  /** The vendor's code (Throttling, AccessDenied, HTTP503, ECONNREFUSED); null for ours. */
  code: string | null;
  errorClass: ErrorClass;
  /** Whether it is expected to clear on its own, without anyone changing anything. */
  retryable: boolean;
  /** Redacted; safe to store and show. */
  message: string;
}

/** Our own error codes in the same classes as the vendors', for one explanation of both. */
const DOMAIN_ERROR_CLASSES: Record<ErrorCode, ErrorClass> = {
  invalid_input: 'invalid',
  conflict: 'conflict',
  not_found: 'not-found',
  unauthenticated: 'denied',
  forbidden: 'denied',
  unavailable: 'unavailable',
  internal: 'internal',
};

/** What to store about a step's failure; anything unexpected is logged and stored without detail. */
export function toStepError(error: unknown): StepError {
  if (error instanceof CloudError) {
    return {
      service: error.service,
      // Codes come from the vendor's answer; redacted like the message, whatever arrives.
      code: redactText(error.vendorCode),
      errorClass: error.errorClass,
      retryable: error.retryable,
      message: error.detail,
    };
  }
  if (error instanceof DomainError) {
    const errorClass = DOMAIN_ERROR_CLASSES[error.code];
    return {
      service: null,
      code: null,
      errorClass,
      retryable: isRetryableClass(errorClass),
      message: redactText(error.message),
    };
  }
  const errorId = randomUUID().slice(0, 8);
  logger.error('unexpected error in a provisioning step', { errorId, error });
  return {
    service: null,
    code: null,
    errorClass: 'internal',
    retryable: false,
    message: `An unexpected error occurred (error id ${errorId}).`,
  };
}

/** The step's columns for a failure, or for none (`null` clears them). */
export function stepErrorColumns(error: StepError | null) {
  return {
    errorService: error?.service ?? null,
    errorCode: error?.code ?? null,
    errorClass: error?.errorClass ?? null,
    errorRetryable: error?.retryable ?? null,
    lastError: error?.message ?? null,
  };
}

/** The failure a step row records, or null when it records none. */
export function stepErrorOf(
  row: Pick<
    ProvisioningStep,
    'errorService' | 'errorCode' | 'errorClass' | 'errorRetryable' | 'lastError'
  >,
): StepError | null {
  if (row.lastError === null) return null;
  return {
    service: row.errorService,
    code: row.errorCode,
    // Rows written before errors were classified are migrated to unknown; this covers any other.
    errorClass: row.errorClass ?? 'unknown',
    retryable: row.errorRetryable ?? false,
    message: row.lastError,
  };
}

/** One line for the org's own last error and the audit trail: "Route 53: Rate exceeded (Throttling)". */
export function formatStepError(error: StepError): string {
  if (error.service === null) return error.message;
  return `${serviceLabel(error.service)}: ${error.message} (${error.code ?? error.errorClass})`;
}
