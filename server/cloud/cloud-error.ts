// A failed call to an external system, mapped to our words: which service, what it said (vendor
// code), whether trying again can help, and a message safe to store and show (never a secret).
import { redactText } from '../log/redact-secrets';

export type CloudService = 'route53' | 'iam' | 'sts' | 'vault';

export class CloudError extends Error {
  readonly vendorCode: string;
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(
    readonly service: CloudService,
    init: { vendorCode: string; message: string; retryable: boolean; status?: number },
  ) {
    super(redactText(`${serviceLabel(service)}: ${init.message} (${init.vendorCode})`));
    this.name = 'CloudError';
    this.vendorCode = init.vendorCode;
    this.retryable = init.retryable;
    this.status = init.status;
  }
}

function serviceLabel(service: CloudService): string {
  return { route53: 'Route 53', iam: 'IAM', sts: 'STS', vault: 'Vault' }[service];
}

export function isCloudError(error: unknown, vendorCode?: string): error is CloudError {
  return (
    error instanceof CloudError && (vendorCode === undefined || error.vendorCode === vendorCode)
  );
}
