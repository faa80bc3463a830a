// The one way the server talks to an organization's identity provider (discovery, token, JWKS,
// userinfo). An org admin types the issuer URL, so every request is checked against the address
// it actually connects to, after DNS resolution: loopback, private, link-local, unique-local,
// carrier-grade NAT and cloud metadata addresses are refused (server-side request forgery).
// Redirects are never followed, requests time out quickly and bodies are capped.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { LookupFunction } from 'node:net';

export interface IssuerNetworkPolicy {
  /** Loopback over plain http: only an installation explicitly in sandbox mode (ZK_SANDBOX=1). */
  allowLoopback: boolean;
  timeoutMs?: number;
}

export type IssuerFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export const ISSUER_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 1024 * 1024;

export type IssuerRequestProblem =
  | 'scheme'
  | 'internal_address'
  | 'unresolvable'
  | 'redirect'
  | 'timeout'
  | 'no_connection'
  | 'too_large';

/** Why a request to an issuer was not made or not completed; never carries the remote answer. */
export class IssuerRequestRefused extends Error {
  constructor(readonly problem: IssuerRequestProblem) {
    super(`issuer request refused: ${problem}`);
    this.name = 'IssuerRequestRefused';
  }
}

const INTERNAL = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the cloud metadata service 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique-local, including AWS's metadata fd00:ec2::254
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}
const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

// Names that reach a metadata service or a private zone without looking like an address.
const INTERNAL_NAMES =
  /(^|\.)(internal|local|localdomain)$|^(metadata|metadata\.goog|instance-data)$/;

/** IPv4 inside IPv6 (::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d) is judged as that IPv4 address. */
function embeddedIpv4(address: string): string | null {
  const match =
    /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(
      address,
    );
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function isInternalAddress(address: string): boolean {
  const v4 = net.isIPv4(address) ? address : embeddedIpv4(address);
  if (v4) return INTERNAL.check(v4, 'ipv4');
  return net.isIPv6(address) && INTERNAL.check(address, 'ipv6');
}

function isLoopbackAddress(address: string): boolean {
  const v4 = net.isIPv4(address) ? address : embeddedIpv4(address);
  if (v4) return LOOPBACK.check(v4, 'ipv4');
  return net.isIPv6(address) && LOOPBACK.check(address, 'ipv6');
}

function addressAllowed(address: string, policy: IssuerNetworkPolicy): boolean {
  if (policy.allowLoopback && isLoopbackAddress(address)) return true;
  return !isInternalAddress(address);
}

/** The hostname of a URL without IPv6 brackets or a trailing dot. */
function bareHost(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * Checks what can be checked without the network: the scheme and, for a literal address or a
 * metadata name, the host. Null when the URL may be requested (DNS is checked at connect time).
 */
export function refuseIssuerUrl(
  url: URL,
  policy: IssuerNetworkPolicy,
): IssuerRequestProblem | null {
  const host = bareHost(url);
  const literal = net.isIP(host) !== 0;
  const loopbackHost = host === 'localhost' || (literal && isLoopbackAddress(host));
  if (url.protocol === 'http:') {
    if (!(policy.allowLoopback && loopbackHost)) return 'scheme';
  } else if (url.protocol !== 'https:') {
    return 'scheme';
  }
  if (literal && !addressAllowed(host, policy)) return 'internal_address';
  if (!literal && INTERNAL_NAMES.test(host)) return 'internal_address';
  if (host === 'localhost' && !policy.allowLoopback) return 'internal_address';
  return null;
}

// Runs at connect time, so the address checked is the one connected to: a name that resolves to
// a public address for the check and a private one for the request (DNS rebinding) cannot pass.
function guardedLookup(policy: IssuerNetworkPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family }, (error, addresses) => {
      if (error || addresses.length === 0) {
        return callback(error ?? new IssuerRequestRefused('unresolvable'), '', 4);
      }
      if (addresses.some((a) => !addressAllowed(a.address, policy))) {
        return callback(new IssuerRequestRefused('internal_address'), '', 4);
      }
      if (options.all) return (callback as unknown as AllCallback)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
type AllCallback = (error: Error | null, addresses: dns.LookupAddress[]) => void;

async function bodyOf(init: RequestInit | undefined): Promise<Buffer | undefined> {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  return Buffer.from(await new Response(body).arrayBuffer());
}

export function createIssuerFetch(policy: IssuerNetworkPolicy): IssuerFetch {
  const timeoutMs = policy.timeoutMs ?? ISSUER_TIMEOUT_MS;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const refused = refuseIssuerUrl(url, policy);
    if (refused) throw new IssuerRequestRefused(refused);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const headers = Object.fromEntries(
      new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)),
    );
    const body = await bodyOf(init);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method,
          headers: { ...headers, ...(body && { 'content-length': String(body.length) }) },
          lookup: guardedLookup(policy),
          signal: init?.signal ?? undefined,
          timeout: timeoutMs,
        },
        (response) => {
          const status = response.statusCode ?? 502;
          if (status >= 300 && status < 400) {
            response.destroy();
            return reject(new IssuerRequestRefused('redirect'));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              response.destroy();
              reject(new IssuerRequestRefused('too_large'));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', () => reject(new IssuerRequestRefused('no_connection')));
          response.on('end', () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value === undefined) continue;
              for (const v of Array.isArray(value) ? value : [value])
                responseHeaders.append(name, v);
            }
            const noBody = status === 204 || status === 304 || method === 'HEAD';
            resolve(
              new Response(noBody ? null : Buffer.concat(chunks), {
                status,
                headers: responseHeaders,
              }),
            );
          });
        },
      );
      request.on('timeout', () => request.destroy(new IssuerRequestRefused('timeout')));
      request.on('error', (error) => {
        reject(
          error instanceof IssuerRequestRefused ? error : new IssuerRequestRefused('no_connection'),
        );
      });
      request.end(body);
    });
  };
}
