// Vault's HTTP envelopes: `{request_id, lease_id, renewable, lease_duration, data, wrap_info,
// warnings, auth}` for successes and `{errors: [...]}` for failures.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { VaultToken } from './vault-state';

/** An HTTP-level failure with Vault's status and error list. */
export class VaultHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
  ) {
    super(errors[0] ?? `Vault status ${status}`);
  }
}

/** What Vault answers for a missing or unknown token. */
export const permissionDenied = () => new VaultHttpError(403, ['permission denied']);
/** What Vault answers when a valid token's policies do not grant the capability. */
export const aclDenied = () =>
  new VaultHttpError(403, ['1 error occurred:\n\t* permission denied\n\n']);
/** Vault reports missing secrets and empty lists as 404 with no error messages. */
export const notFound = () => new VaultHttpError(404, []);

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

export function envelope(
  data: unknown,
  extra: { auth?: unknown; mountType?: string } = {},
): Record<string, unknown> {
  return {
    request_id: randomUUID(),
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: null,
    auth: extra.auth ?? null,
    mount_type: extra.mountType ?? '',
  };
}

export function tokenAuth(token: VaultToken): Record<string, unknown> {
  return {
    client_token: token.id,
    accessor: token.accessor,
    policies: token.policies,
    token_policies: token.policies,
    metadata: token.meta,
    lease_duration: 0,
    renewable: false,
    entity_id: '',
    token_type: 'service',
    orphan: false,
    mfa_requirement: null,
    num_uses: 0,
  };
}

export function tokenLookup(token: VaultToken): Record<string, unknown> {
  return {
    accessor: token.accessor,
    creation_time: token.creationTime,
    creation_ttl: 0,
    display_name: token.displayName,
    entity_id: '',
    expire_time: null,
    explicit_max_ttl: 0,
    id: token.id,
    meta: token.meta,
    num_uses: 0,
    orphan: token.path === 'auth/token/root',
    path: token.path,
    policies: token.policies,
    renewable: false,
    ttl: 0,
    type: 'service',
  };
}
