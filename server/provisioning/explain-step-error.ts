// Turns a failed step's stored error (classified by the adapter that saw it) into words a person
// can act on: what happened, whether it clears on its own or needs an operator, and when we try
// again. A pure function of the error's columns: no vendor codes are looked at here.
import { serviceLabel } from '../cloud/cloud-error';
import type { StepError } from './step-error';

export interface FailedStep {
  error: StepError;
  /** When the reconciler tries again; null (or past) means at its next pass. */
  nextRetryAt: Date | null;
}

export function explainStepError({ error, nextRetryAt }: FailedStep, now: Date): string {
  const retry = retryPhrase(nextRetryAt, now);
  const Retry = capitalize(retry);
  // Zonekeeper's own errors (and those stored before errors were classified) say it themselves.
  if (error.service === null) return `${error.message} ${Retry}.`;
  const service = serviceLabel(error.service);
  // Vendors end some messages with a full stop; the code follows in brackets before ours.
  const said = `${error.message.replace(/\.$/, '')} (${error.code})`;
  switch (error.errorClass) {
    case 'throttled':
      return `${service} is rate-limiting us; ${retry}.`;
    case 'busy':
      if (error.service === 'sts')
        return `AWS has not accepted the new access key yet (IAM takes a moment to spread a new key); ${retry}.`;
      if (error.service === 'route53')
        return `Route 53 is still applying an earlier change to this zone; ${retry}.`;
      return `${service} is still applying an earlier change; ${retry}.`;
    case 'unavailable':
      return `${service} is unavailable or did not answer; ${retry}.`;
    case 'denied':
      return `${service} denied access to Zonekeeper's own credentials (${error.code}). A platform operator must fix their permissions; ${retry}.`;
    case 'quota':
      return `A ${service} quota was reached: ${said}. A platform operator must raise it; ${retry}.`;
    case 'invalid':
      return `${service} refused the request as invalid: ${said}. ${Retry}.`;
    case 'not-found':
      return `${service} could not find what the request names: ${said}. ${Retry}.`;
    case 'conflict':
      return `${service} refused the request as conflicting with what exists: ${said}. ${Retry}.`;
    case 'internal':
    case 'unknown':
      return `${service} refused the request: ${said}. ${Retry}.`;
  }
}

function retryPhrase(nextRetryAt: Date | null, now: Date): string {
  if (!nextRetryAt || nextRetryAt.getTime() <= now.getTime()) return 'retrying shortly';
  return `retrying at ${nextRetryAt.toISOString().slice(11, 16)} UTC`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
