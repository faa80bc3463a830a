// Asks an OIDC issuer for its discovery document, so that a typo or an outage is reported in
// words before anyone is sent to a provider that cannot answer. The words never repeat what the
// remote answered (status, error codes, its `issuer` value): that would turn this check into a
// way to read internal services. Details go to the server log.
import { logger } from '../log/logger';
import {
  IssuerRequestRefused,
  ISSUER_TIMEOUT_MS,
  refuseIssuerUrl,
  type IssuerFetch,
  type IssuerNetworkPolicy,
  type IssuerRequestProblem,
} from './issuer-fetch';

export function discoveryUrlOf(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** A message for a person when the issuer cannot be used; null when it answers correctly. */
export async function explainIssuerProblem(
  issuer: string,
  policy: IssuerNetworkPolicy,
  fetch: IssuerFetch,
): Promise<string | null> {
  const shapeProblem = explainIssuerShape(issuer, policy);
  if (shapeProblem) return shapeProblem;
  try {
    const response = await fetch(discoveryUrlOf(issuer));
    const document = response.ok ? ((await response.json().catch(() => null)) as unknown) : null;
    const named = (document as { issuer?: unknown } | null)?.issuer;
    if (named === issuer) return null;
    logger.warn('OIDC discovery gave no document for this issuer', {
      issuer,
      status: response.status,
      namesIssuer: typeof named === 'string',
    });
    return `The identity provider at ${issuer} did not answer with a discovery document for exactly this issuer (${discoveryUrlOf(issuer)}). Check the issuer URL: it must equal the provider's "issuer" value, without a trailing slash it does not have.`;
  } catch (error) {
    const problem = error instanceof IssuerRequestRefused ? error.problem : 'no_connection';
    logger.warn('OIDC issuer request failed', { issuer, problem });
    return explainRequestProblem(issuer, problem);
  }
}

export function explainIssuerShape(issuer: string, policy: IssuerNetworkPolicy): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `"${issuer}" is not a URL. An issuer looks like https://login.example.com or https://login.example.com/realms/acme.`;
  }
  if (url.search || url.hash) return 'An issuer URL has no query (?…) or fragment (#…).';
  if (url.username || url.password) return 'An issuer URL has no user name or password in it.';
  const refused = refuseIssuerUrl(url, policy);
  return refused ? explainRequestProblem(issuer, refused) : null;
}

function explainRequestProblem(issuer: string, problem: IssuerRequestProblem): string {
  switch (problem) {
    case 'scheme':
      return policyScheme;
    case 'internal_address':
      return `${issuer} points at an internal address (loopback, private, link-local, unique-local or a metadata service), which Zonekeeper does not contact. Use your identity provider's public https URL.`;
    case 'unresolvable':
      return `The host of ${issuer} cannot be resolved (DNS). Check the spelling of the issuer URL.`;
    case 'redirect':
      return `The identity provider at ${issuer} answered with a redirect, which Zonekeeper does not follow. Enter the issuer URL exactly as the provider names it.`;
    case 'timeout':
      return `The identity provider at ${issuer} did not answer within ${ISSUER_TIMEOUT_MS / 1000} s. Check the URL, or try again when it is back.`;
    case 'too_large':
      return `The identity provider at ${issuer} sent a discovery document too large to be one. Check the issuer URL.`;
    case 'no_connection':
      return `The identity provider at ${issuer} did not answer (no connection). Check the URL, or try again when it is back.`;
  }
}

const policyScheme =
  'An issuer must use https:// (plain http to this machine is accepted only in sandbox mode).';
