// Server-side request forgery through an org's issuer URL: the issuer check (and every request
// Auth.js makes to an org issuer, through the same fetch) against real servers on loopback and
// the sandbox identity provider. A raw TCP listener counts connections, so "refused" means no
// connection was even opened.
import dns from 'node:dns/promises';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxIdentityProvider } from '@/sandbox/oidc/start-sandbox-identity-provider';
import { explainIssuerProblem } from '@/server/auth/check-issuer';
import { withDiscoveryCache } from '@/server/auth/discovery-cache';
import {
  createIssuerFetch,
  isInternalAddress,
  IssuerRequestRefused,
  type IssuerNetworkPolicy,
} from '@/server/auth/issuer-fetch';
import { startStubIssuer, type StubIssuer } from '../../support/stub-issuer';

const LIVE: IssuerNetworkPolicy = { allowLoopback: false };
const SANDBOX: IssuerNetworkPolicy = { allowLoopback: true, timeoutMs: 300 };

async function countConnections() {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const explain = (issuer: string, policy: IssuerNetworkPolicy) =>
  explainIssuerProblem(issuer, policy, createIssuerFetch(policy));

describe('requests to org issuers', () => {
  let idp: Awaited<ReturnType<typeof startSandboxIdentityProvider>>;
  let listener: Awaited<ReturnType<typeof countConnections>>;
  beforeAll(async () => {
    idp = await startSandboxIdentityProvider({ appUrl: 'http://localhost:3999' });
    listener = await countConnections();
  });
  afterAll(async () => {
    await idp?.close();
    await listener?.close();
  });

  it('accepts the sandbox identity provider in sandbox mode only', async () => {
    expect(await explain(idp.issuers.acme!, SANDBOX)).toBeNull();
    expect(await explain(idp.issuers.acme!, LIVE)).toMatch(/must use https/);
  });

  it.each([
    ['loopback by text', (port: number) => `https://127.0.0.1:${port}/x`],
    [
      'loopback as an IPv4-mapped IPv6 address',
      (port: number) => `https://[::ffff:127.0.0.1]:${port}/x`,
    ],
    ['loopback written in decimal', (port: number) => `https://2130706433:${port}/x`],
    ['localhost', (port: number) => `https://localhost:${port}/x`],
  ])('refuses %s outside sandbox mode without connecting', async (_name, issuerAt) => {
    const before = listener.connections();
    expect(await explain(issuerAt(listener.port), LIVE)).toMatch(/internal address/);
    expect(listener.connections()).toBe(before);
  });

  it.each([
    'https://169.254.169.254/latest/meta-data',
    'https://[fd00:ec2::254]/',
    'https://10.1.2.3/',
    'https://172.20.0.1/',
    'https://192.168.1.1/',
    'https://100.64.0.1/',
    'https://[fe80::1]/',
    'https://[fd12:3456::1]/',
    'https://metadata.google.internal/',
    'https://metadata/',
  ])('refuses %s, even in sandbox mode', async (issuer) => {
    expect(await explain(issuer, SANDBOX)).toMatch(/internal address/);
  });

  it('judges a host name by the address it resolves to, not by its text', async () => {
    // This machine's own name is neither "localhost" nor an address; /etc/hosts or DNS maps it.
    const name = os.hostname();
    const addresses = await dns.lookup(name, { all: true }).catch(() => []);
    expect(addresses.length, `${name} must resolve on a test machine`).toBeGreaterThan(0);
    expect(addresses.some((a) => isInternalAddress(a.address))).toBe(true);
    const before = listener.connections();
    expect(await explain(`https://${name}:${listener.port}/x`, LIVE)).toMatch(/internal address/);
    expect(listener.connections()).toBe(before);
  });

  it('does not follow a redirect, and the target is never asked', async () => {
    const target = await startStubIssuer();
    const redirecting = await startStubIssuer((_q, response) => {
      response.statusCode = 302;
      response.setHeader('location', `${target.issuer}/.well-known/openid-configuration`);
      response.end();
    });
    try {
      expect(await explain(redirecting.issuer, SANDBOX)).toMatch(
        /redirect, which Zonekeeper does not follow/,
      );
      expect(target.requests).toEqual([]);
    } finally {
      await Promise.all([target.close(), redirecting.close()]);
    }
  });

  it('repeats neither the status, the body nor the issuer value the remote answered', async () => {
    const stubs: StubIssuer[] = [
      await startStubIssuer((_q, response) => {
        response.statusCode = 418;
        response.end('INTERNAL-ANSWER-4711 {"error":"db_password_expired"}');
      }),
      await startStubIssuer((_q, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ issuer: 'http://internal-admin.corp:8080/INTERNAL-ANSWER-4711' }),
        );
      }),
    ];
    try {
      for (const stub of stubs) {
        const message = (await explain(stub.issuer, SANDBOX)) ?? '';
        expect(message).toMatch(/did not answer with a discovery document/);
        // The issuer's own URL is quoted back, and its random port may hold "418" too.
        const answered = message.replaceAll(stub.issuer, '<issuer>');
        for (const echoed of [
          '418',
          'INTERNAL-ANSWER-4711',
          'db_password_expired',
          'internal-admin',
        ]) {
          expect(answered).not.toContain(echoed);
        }
      }
    } finally {
      await Promise.all(stubs.map((s) => s.close()));
    }
  });

  it('gives up on an issuer that does not answer within its short timeout', async () => {
    const silent = await startStubIssuer(() => {});
    try {
      expect(await explain(silent.issuer, SANDBOX)).toMatch(/did not answer within/);
    } finally {
      await silent.close();
    }
  });

  it('fails a token request to a redirecting endpoint instead of following it', async () => {
    const target = await startStubIssuer();
    const redirecting = await startStubIssuer((_q, response) => {
      response.statusCode = 307;
      response.setHeader('location', `${target.issuer}/token`);
      response.end();
    });
    try {
      const post = createIssuerFetch(SANDBOX)(`${redirecting.issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_secret: 'the-real-secret' }),
      });
      await expect(post).rejects.toEqual(new IssuerRequestRefused('redirect'));
      expect(target.requests).toEqual([]);
    } finally {
      await Promise.all([target.close(), redirecting.close()]);
    }
  });

  it('asks an issuer for its discovery document once however often the sign-in form is sent', async () => {
    const working = await startStubIssuer();
    const failing = await startStubIssuer((_q, response) => {
      response.statusCode = 500;
      response.end();
    });
    try {
      const cached = withDiscoveryCache(createIssuerFetch(SANDBOX));
      for (let i = 0; i < 5; i++) {
        expect(await explainIssuerProblem(working.issuer, SANDBOX, cached)).toBeNull();
        expect(await explainIssuerProblem(failing.issuer, SANDBOX, cached)).not.toBeNull();
      }
      expect(working.requests).toEqual(['GET /.well-known/openid-configuration']);
      expect(failing.requests).toEqual(['GET /.well-known/openid-configuration']);
      // Token requests are never answered from the cache.
      await cached(`${working.issuer}/token`, { method: 'POST', body: 'a=1' });
      await cached(`${working.issuer}/token`, { method: 'POST', body: 'a=1' });
      expect(working.requests.filter((r) => r === 'POST /token')).toHaveLength(2);
    } finally {
      await Promise.all([working.close(), failing.close()]);
    }
  });

  it('asks again once a cached answer is old: a failure after 30 s, a success after 5 min', async () => {
    let now = 0;
    const working = await startStubIssuer();
    const failing = await startStubIssuer((_q, response) => {
      response.statusCode = 503;
      response.end();
    });
    try {
      const cached = withDiscoveryCache(createIssuerFetch(SANDBOX), () => now);
      const ask = async () => {
        await explainIssuerProblem(working.issuer, SANDBOX, cached);
        await explainIssuerProblem(failing.issuer, SANDBOX, cached);
      };
      await ask();
      now = 29_000;
      await ask();
      expect([working.requests.length, failing.requests.length]).toEqual([1, 1]);
      now = 31_000;
      await ask();
      expect([working.requests.length, failing.requests.length]).toEqual([1, 2]);
      now = 301_000;
      await ask();
      expect([working.requests.length, failing.requests.length]).toEqual([2, 3]);
    } finally {
      await Promise.all([working.close(), failing.close()]);
    }
  });
});
