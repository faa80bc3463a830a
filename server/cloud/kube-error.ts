// Maps a @kubernetes/client-node failure to a CloudError. The API answers with a Kubernetes
// `Status` body whose `reason` (Unauthorized, Forbidden, NotFound, AlreadyExists, Conflict,
// Invalid, TooManyRequests, ...) is the vendor code; without an answer (refused, reset, timed out,
// a certificate we do not trust) the vendor code is the socket or TLS error's code.
import { ApiException } from '@kubernetes/client-node';
import { classOfHttpStatus, CloudError, type ErrorClass } from './cloud-error';

/** Kubernetes Status reasons by what they mean for us (k8s.io/apimachinery StatusReason). */
export const KUBE_REASON_CLASSES: Readonly<Record<string, ErrorClass>> = {
  Unauthorized: 'denied',
  Forbidden: 'denied',
  NotFound: 'not-found',
  AlreadyExists: 'conflict',
  Conflict: 'conflict',
  Invalid: 'invalid',
  BadRequest: 'invalid',
  UnsupportedMediaType: 'invalid',
  TooManyRequests: 'throttled',
  ServerTimeout: 'unavailable',
  Timeout: 'unavailable',
  ServiceUnavailable: 'unavailable',
  InternalError: 'unavailable',
  // A namespace being deleted refuses new content until it is gone.
  NamespaceTerminating: 'busy',
};

/** TLS failures: the server answered, but not with a certificate the kubeconfig's CA vouches for. */
export const TLS_ERROR_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface StatusBody {
  reason?: string;
  message?: string;
}

export function toKubeCloudError(error: unknown): CloudError {
  if (error instanceof CloudError) return error;
  if (error instanceof ApiException) {
    const status = Number(error.code);
    const body = statusBody(error.body);
    const vendorCode = body.reason || `HTTP${status}`;
    return new CloudError('kube', {
      vendorCode,
      errorClass: Object.hasOwn(KUBE_REASON_CLASSES, vendorCode)
        ? KUBE_REASON_CLASSES[vendorCode]!
        : classOfHttpStatus(status),
      message: body.message || `HTTP ${status}`,
      status,
    });
  }
  const failure = (error ?? {}) as { name?: string; code?: string; cause?: { code?: string } };
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError') {
    return new CloudError('kube', {
      vendorCode: 'Timeout',
      errorClass: 'unavailable',
      message: 'no answer in time',
    });
  }
  const code = failure.code ?? failure.cause?.code ?? 'NetworkError';
  if (TLS_ERROR_CODES.has(code)) {
    // Trying again does not make a certificate trusted.
    return new CloudError('kube', {
      vendorCode: code,
      errorClass: 'denied',
      message: 'the server certificate is not trusted by the kubeconfig',
    });
  }
  return new CloudError('kube', {
    vendorCode: code,
    errorClass: 'unavailable',
    message: `no answer (${code})`,
  });
}

// The client hands the body over parsed when it could, as text otherwise.
function statusBody(body: unknown): StatusBody {
  if (typeof body === 'string') {
    try {
      return statusBody(JSON.parse(body));
    } catch {
      return {};
    }
  }
  if (body && typeof body === 'object') {
    const { reason, message } = body as StatusBody;
    return {
      reason: typeof reason === 'string' ? reason : undefined,
      message: typeof message === 'string' ? message : undefined,
    };
  }
  return {};
}
