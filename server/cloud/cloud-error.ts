// A failed call to an external system, mapped to our words once, by the adapter that made the
// call: which service, what it said (vendor code), what kind of failure that is, whether trying
// again can help, and a message safe to store and show (never a secret).
import type { CloudService, ErrorClass } from '@/db/schema/enums';
import { redactText } from '../log/redact-secrets';

export type { CloudService, ErrorClass };

/** The classes another try of the same call can get past: they clear on their own. */
const RETRYABLE_CLASSES: ReadonlySet<ErrorClass> = new Set(['throttled', 'busy', 'unavailable']);

export const isRetryableClass = (errorClass: ErrorClass) => RETRYABLE_CLASSES.has(errorClass);

export class CloudError extends Error {
  readonly vendorCode: string;
  readonly errorClass: ErrorClass;
  readonly retryable: boolean;
  /** The vendor's own words (or ours when it gave none), redacted: safe to store and show. */
  readonly detail: string;
  readonly status: number | undefined;

  constructor(
    readonly service: CloudService,
    init: { vendorCode: string; errorClass: ErrorClass; message: string; status?: number },
  ) {
    const detail = redactText(init.message);
    super(`${serviceLabel(service)}: ${detail} (${init.vendorCode})`);
    this.name = 'CloudError';
    this.vendorCode = init.vendorCode;
    this.errorClass = init.errorClass;
    this.retryable = isRetryableClass(init.errorClass);
    this.detail = detail;
    this.status = init.status;
  }
}

export function serviceLabel(service: CloudService): string {
  return { route53: 'Route 53', iam: 'IAM', sts: 'STS', vault: 'Vault', kube: 'Kubernetes' }[
    service
  ];
}

export function isCloudError(error: unknown, vendorCode?: string): error is CloudError {
  return (
    error instanceof CloudError && (vendorCode === undefined || error.vendorCode === vendorCode)
  );
}

/** The class an HTTP status says when the vendor's code is not in its adapter's table. */
export function classOfHttpStatus(status: number): ErrorClass {
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'denied';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status >= 500) return 'unavailable';
  return 'unknown';
}
