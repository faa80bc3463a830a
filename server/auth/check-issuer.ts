// Asks an OIDC issuer for its discovery document, so that a typo or an outage is reported in
// words before anyone is sent to a provider that cannot answer.
import { logger } from '../log/logger';

const DISCOVERY_TIMEOUT_MS = 5_000;

/** A message for a person when the issuer cannot be used; null when it answers correctly. */
export async function explainIssuerProblem(issuer: string): Promise<string | null> {
  const shapeProblem = explainIssuerShape(issuer);
  if (shapeProblem) return shapeProblem;
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) {
      logger.warn('OIDC discovery answered with an error', { issuer, status: response.status });
      return `The identity provider at ${issuer} answered ${response.status} for its discovery document (${url}). Check the issuer URL.`;
    }
    const document = (await response.json()) as { issuer?: unknown };
    if (document.issuer !== issuer) {
      return `The identity provider calls itself "${String(document.issuer)}", not "${issuer}". Use exactly its issuer value.`;
    }
    return null;
  } catch (error) {
    logger.warn('OIDC issuer did not answer', { issuer, error });
    return `The identity provider at ${issuer} did not answer (${describeFetchError(error)}). Check the URL, or try again when it is back.`;
  }
}

export function explainIssuerShape(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `"${issuer}" is not a URL. An issuer looks like https://login.example.com or https://login.example.com/realms/acme.`;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return `An issuer must use https:// (plain http is accepted on this machine's loopback only).`;
  }
  if (url.search || url.hash) return 'An issuer URL has no query (?…) or fragment (#…).';
  return null;
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${DISCOVERY_TIMEOUT_MS / 1000} s`;
  }
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? 'no connection';
}
