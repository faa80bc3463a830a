// Turns a failed step's stored error (a CloudError or DomainError message, already redacted) into
// words a person can act on: what happened, whether we retry on our own, and when.

export interface FailedStep {
  lastError: string;
  /** When the reconciler tries again; null (or past) means at its next pass. */
  nextRetryAt: Date | null;
}

// CloudError messages read "<Service>: <vendor message> (<vendor code>)" (server/cloud/cloud-error.ts).
const CLOUD_ERROR = /^(Route 53|IAM|STS|Vault): (.*) \(([\w.-]+)\)$/s;

const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequests',
  'HTTP429',
]);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'HTTP401',
  'HTTP403',
]);
const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'ServiceFailure',
  'InternalFailure',
  'InternalError',
]);

export function explainStepError(step: FailedStep, now: Date): string {
  const retry = retryPhrase(step.nextRetryAt, now);
  const match = CLOUD_ERROR.exec(step.lastError);
  if (!match) return `${step.lastError} ${capitalize(retry)}.`;
  const [, service = '', vendorMessage = '', code = ''] = match;

  // Checked before access denied: a key STS does not know yet is answered InvalidClientTokenId.
  if (service === 'STS' && vendorMessage.includes('was not accepted'))
    return `AWS has not accepted the new access key yet (IAM takes a moment to spread a new key); ${retry}.`;
  if (THROTTLED.has(code)) return `${service} is rate-limiting us; ${retry}.`;
  if (code === 'PriorRequestNotComplete')
    return `Route 53 is still applying an earlier change to this zone; ${retry}.`;
  if (DENIED.has(code))
    return `${service} denied access to Zonekeeper's own credentials (${code}). A platform operator must fix their permissions; ${retry}.`;
  if (UNAVAILABLE.has(code) || /^HTTP5\d\d$/.test(code) || vendorMessage.startsWith('no answer'))
    return `${service} is unavailable or did not answer; ${retry}.`;
  if (code === 'TooManyHostedZones' || code === 'LimitExceeded')
    return `An AWS quota was reached (${service}: ${vendorMessage}). A platform operator must raise it; ${retry}.`;
  return `${service} refused the request: ${vendorMessage} (${code}). ${capitalize(retry)}.`;
}

function retryPhrase(nextRetryAt: Date | null, now: Date): string {
  if (!nextRetryAt || nextRetryAt.getTime() <= now.getTime()) return 'retrying shortly';
  return `retrying at ${nextRetryAt.toISOString().slice(11, 16)} UTC`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
