// Where the Vault conformance tests send their requests: a sandbox Vault on port 0, or another
// Vault named by CONFORMANCE_VAULT_ADDR / CONFORMANCE_VAULT_TOKEN (e.g. `vault server -dev`).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodeVault from 'node-vault';
import { createVaultHttpHandler } from '@/sandbox/vault/vault-http';
import { createVaultState } from '@/sandbox/vault/vault-state';

export interface VaultTarget {
  addr: string;
  rootToken: string;
  /** The KV v2 mount; `secret` in both the sandbox and `vault server -dev`. */
  mount: string;
  close(): Promise<void>;
}

export async function startVaultTarget(): Promise<VaultTarget> {
  const externalAddr = process.env.CONFORMANCE_VAULT_ADDR;
  if (externalAddr) {
    return {
      addr: externalAddr,
      rootToken: process.env.CONFORMANCE_VAULT_TOKEN ?? '',
      mount: 'secret',
      close: async () => {},
    };
  }
  const rootToken = 'sandbox-root-token';
  const server = http.createServer(createVaultHttpHandler(createVaultState({ rootToken })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    addr: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rootToken,
    mount: 'secret',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A node-vault client. `noCustomHTTPVerbs` makes it list with `GET ?list=true`, which every
 * Vault accepts; the sandbox cannot receive the LIST method (Node's HTTP parser rejects it).
 */
export function vaultClient(target: VaultTarget, token = target.rootToken) {
  return nodeVault({ endpoint: target.addr, token, noCustomHTTPVerbs: true });
}

/** A unique folder per run, so runs against a shared Vault never collide. */
export function uniqueFolder(): string {
  return `zonekeeper-conformance/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The HTTP status and errors of a failed node-vault call. */
export async function vaultFailure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { statusCode: number; body?: { errors?: string[] } } })
      .response;
    if (!response) throw error;
    return { status: response.statusCode, errors: response.body?.errors ?? [] };
  }
  throw new Error('expected the Vault call to fail');
}
