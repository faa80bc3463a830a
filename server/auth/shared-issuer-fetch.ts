// The process-wide fetch for org issuers, with one discovery cache shared by the sign-in page's
// check and Auth.js's own discovery, under the installation's network policy.
import { getConfig } from '../config/config';
import { withDiscoveryCache } from './discovery-cache';
import { createIssuerFetch, type IssuerFetch, type IssuerNetworkPolicy } from './issuer-fetch';

export function issuerNetworkPolicy(): IssuerNetworkPolicy {
  return { allowLoopback: getConfig().ZK_SANDBOX };
}

let shared: IssuerFetch | undefined;

/** Discovery answers come from the cache; token, JWKS and userinfo requests are made each time. */
export function sharedIssuerFetch(): IssuerFetch {
  shared ??= withDiscoveryCache(createIssuerFetch(issuerNetworkPolicy()));
  return shared;
}
