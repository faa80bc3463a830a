// Maps a node-vault failure to a CloudError. Vault has no error codes, only HTTP statuses (its
// "HTTP Status Codes" API page) and free-text errors, so the vendor code is `HTTP<status>` and
// the table below names what each status means for us.
import { classOfHttpStatus, CloudError, type ErrorClass } from './cloud-error';

/** Vault's statuses by what they mean for us; any other status falls back to its HTTP meaning. */
export const VAULT_STATUS_CLASSES: Readonly<Record<number, ErrorClass>> = {
  400: 'invalid',
  403: 'denied',
  404: 'not-found',
  405: 'invalid',
  // A node that has not caught up with the cluster's latest write yet.
  412: 'busy',
  413: 'invalid',
  429: 'throttled',
  500: 'unavailable',
  502: 'unavailable',
  // Sealed, or down for maintenance.
  503: 'unavailable',
};

function classifyVaultStatus(status: number): ErrorClass {
  return VAULT_STATUS_CLASSES[status] ?? classOfHttpStatus(status);
}

export function toVaultCloudError(error: unknown): CloudError {
  if (error instanceof CloudError) return error;
  const status = (error as { response?: { statusCode?: number } }).response?.statusCode;
  const body = (error as { response?: { body?: { errors?: unknown[] } } }).response?.body;
  const detail =
    Array.isArray(body?.errors) && body.errors.length > 0 ? body.errors.join('; ') : undefined;
  if (status === undefined) {
    // No HTTP answer: connection refused or reset, timeout. Worth another try.
    const code = (error as { code?: string }).code ?? 'NetworkError';
    return new CloudError('vault', {
      vendorCode: code,
      errorClass: 'unavailable',
      message: 'no answer from Vault',
    });
  }
  return new CloudError('vault', {
    vendorCode: `HTTP${status}`,
    errorClass: classifyVaultStatus(status),
    message: detail ?? `Vault answered ${status}`,
    status,
  });
}
