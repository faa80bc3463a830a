// The Vault HTTP API v1 (VAULT_ADDR) as node-vault uses it: KV v2 under the configured mount,
// ACL policies, child tokens, lookup-self and health, authenticated by X-Vault-Token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleKvRequest, type VaultMethod } from './vault-kv-routes';
import { VaultRequestError } from './vault-kv';
import {
  aclDenied,
  envelope,
  permissionDenied,
  sendJson,
  sendNoContent,
  tokenAuth,
  tokenLookup,
  VaultHttpError,
} from './vault-responses';
import type { VaultState, VaultToken } from './vault-state';

const MAX_BODY_BYTES = 1024 * 1024;

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new VaultHttpError(413, ['request body too large']);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      return body as Record<string, unknown>;
    }
  } catch {
    // Reported below like any other non-object body.
  }
  throw new VaultHttpError(400, ['failed to parse JSON input']);
}

/**
 * Vault's logical operation. Vault also accepts the method LIST, but Node's HTTP parser rejects
 * unknown methods with a 400 before any handler runs, so clients of the sandbox list with
 * `GET …?list=true` (node-vault: `noCustomHTTPVerbs: true`), which real Vault accepts as well.
 */
function vaultMethod(req: IncomingMessage, query: URLSearchParams): VaultMethod | undefined {
  const list = query.get('list');
  if (req.method === 'GET' && (list === 'true' || list === '1')) return 'list';
  const methods: Record<string, VaultMethod> = {
    GET: 'read',
    POST: 'write',
    PUT: 'write',
    DELETE: 'delete',
  };
  return methods[req.method ?? ''];
}

function health(res: ServerResponse): void {
  sendJson(res, 200, {
    initialized: true,
    sealed: false,
    standby: false,
    performance_standby: false,
    replication_performance_mode: 'disabled',
    replication_dr_mode: 'disabled',
    server_time_utc: Math.floor(Date.now() / 1000),
    version: '1.17.0+sandbox',
    cluster_name: 'zonekeeper-sandbox',
    cluster_id: '00000000-0000-4000-8000-000000000000',
  });
}

interface Route {
  vault: VaultState;
  token: VaultToken;
  method: VaultMethod;
  path: string;
  body: Record<string, unknown>;
}

function handlePolicyRequest(
  { vault, token, method, path, body }: Route,
  res: ServerResponse,
): void {
  const legacy = path.startsWith('sys/policy');
  const name = path
    .split('/')
    .slice(legacy ? 2 : 3)
    .join('/');
  const capability = { read: 'read', write: 'update', delete: 'delete', list: 'list' } as const;
  if (!vault.can(token, path, capability[method])) throw aclDenied();
  if (name === '' && (method === 'list' || (legacy && method === 'read'))) {
    const keys = vault.listPolicies();
    return sendJson(res, 200, {
      ...(legacy ? { policies: keys, keys } : {}),
      ...envelope({ keys }),
    });
  }
  if (method === 'read') {
    const text = vault.getPolicy(name);
    if (text === undefined) throw new VaultHttpError(404, []);
    const data = legacy ? { name, rules: text } : { name, policy: text };
    return sendJson(res, 200, { ...(legacy ? data : {}), ...envelope(data) });
  }
  if (method === 'write') {
    const text = body.policy ?? body.rules;
    if (typeof text !== 'string')
      throw new VaultHttpError(400, ["'policy' parameter not supplied or empty"]);
    vault.putPolicy(name, text);
    return sendNoContent(res);
  }
  if (method === 'delete') {
    vault.deletePolicy(name);
    return sendNoContent(res);
  }
  throw new VaultHttpError(405, []);
}

function handleTokenRequest(
  { vault, token, method, path, body }: Route,
  res: ServerResponse,
): void {
  if (path === 'auth/token/lookup-self' && method === 'read') {
    if (!vault.can(token, path, 'read')) throw aclDenied();
    return sendJson(res, 200, envelope(tokenLookup(token), { mountType: 'token' }));
  }
  if (path === 'auth/token/create' && method === 'write') {
    if (!vault.can(token, path, 'update')) throw aclDenied();
    const policies = body.policies;
    if (
      policies !== undefined &&
      !(Array.isArray(policies) && policies.every((p) => typeof p === 'string'))
    ) {
      throw new VaultHttpError(400, ['policies must be a list of strings']);
    }
    const child = vault.createToken(token, {
      policies: policies as string[] | undefined,
      displayName: typeof body.display_name === 'string' ? body.display_name : undefined,
      meta: (body.meta as Record<string, string> | undefined) ?? undefined,
      noDefaultPolicy: body.no_default_policy === true,
    });
    return sendJson(res, 200, envelope(null, { auth: tokenAuth(child), mountType: 'token' }));
  }
  throw new VaultHttpError(405, []);
}

async function handleVaultRequest(vault: VaultState, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  if (!url.pathname.startsWith('/v1/')) throw new VaultHttpError(404, []);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.slice('/v1/'.length)).replace(/\/+$/, '');
  } catch {
    throw new VaultHttpError(400, ['invalid request path encoding']);
  }
  if (path === 'sys/health' && (req.method === 'GET' || req.method === 'HEAD')) return health(res);

  const header = req.headers['x-vault-token'];
  const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  const token = vault.lookupToken(typeof header === 'string' ? header : bearer);
  if (!token) throw permissionDenied();
  const method = vaultMethod(req, url.searchParams);
  if (!method) throw new VaultHttpError(405, []);
  const body = method === 'write' ? await readJsonBody(req) : {};

  const route: Route = { vault, token, method, path, body };
  if (path.startsWith('auth/token/')) return handleTokenRequest(route, res);
  if (/^sys\/(policy|policies\/acl)(\/|$)/.test(path)) return handlePolicyRequest(route, res);

  const [mount, kind, ...rest] = path.split('/');
  if (mount === vault.mount && (kind === 'data' || kind === 'metadata')) {
    const secretPath = rest.join('/');
    if (secretPath === '' && method !== 'list') throw new VaultHttpError(404, []);
    // Vault matches list requests against the folder path, which ends with '/'.
    const aclPath = method === 'list' ? `${path}/` : path;
    return handleKvRequest(
      { vault, token, method, kind, secretPath, aclPath, query: url.searchParams, body },
      res,
    );
  }
  throw new VaultHttpError(404, [`no handler for route "${path}". route entry not found.`]);
}

export function createVaultHttpHandler(
  vault: VaultState,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handleVaultRequest(vault, req, res).catch((error: unknown) => {
      if (error instanceof VaultHttpError)
        return sendJson(res, error.status, { errors: error.errors });
      if (error instanceof VaultRequestError)
        return sendJson(res, 400, { errors: [error.message] });
      console.error('sandbox: unexpected error in Vault handler', error);
      sendJson(res, 500, { errors: ['internal error'] });
    });
  };
}
