// The KV v2 HTTP routes under `/v1/<mount>/data/…` and `/v1/<mount>/metadata/…`.
import type { ServerResponse } from 'node:http';
import { VaultRequestError, versionMetadata, type KvSecret } from './vault-kv';
import {
  aclDenied,
  envelope,
  notFound,
  sendJson,
  sendNoContent,
  VaultHttpError,
} from './vault-responses';
import type { VaultState, VaultToken } from './vault-state';

export type VaultMethod = 'read' | 'write' | 'delete' | 'list';

export interface KvRequest {
  vault: VaultState;
  token: VaultToken;
  method: VaultMethod;
  /** `data` or `metadata`. */
  kind: string;
  /** The secret path inside the mount, without leading or trailing slashes. */
  secretPath: string;
  aclPath: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

function authorize(request: KvRequest, capability: Parameters<VaultState['can']>[2]): void {
  if (!request.vault.can(request.token, request.aclPath, capability)) throw aclDenied();
}

function metadataOf(secret: KvSecret): Record<string, unknown> {
  const versions = Object.fromEntries(
    Object.entries(secret.versions).map(([version, record]) => [
      version,
      {
        created_time: record.createdTime,
        deletion_time: record.deletionTime,
        destroyed: record.destroyed,
      },
    ]),
  );
  return {
    cas_required: false,
    created_time: secret.createdTime,
    current_version: secret.currentVersion,
    custom_metadata: null,
    delete_version_after: '0s',
    max_versions: 0,
    oldest_version: secret.oldestVersion,
    updated_time: secret.updatedTime,
    versions,
  };
}

function readData(request: KvRequest, res: ServerResponse): void {
  authorize(request, 'read');
  const secret = request.vault.kv.get(request.secretPath);
  if (!secret) throw notFound();
  const version = Number(request.query.get('version') ?? '0') || secret.currentVersion;
  const record = secret.versions[String(version)];
  if (!record) throw notFound();
  const metadata = versionMetadata(version, record);
  if (record.deletionTime !== '' || record.destroyed) {
    // Vault still describes a deleted version, with null data, under a 404.
    sendJson(res, 404, envelope({ data: null, metadata }, { mountType: 'kv' }));
    return;
  }
  sendJson(res, 200, envelope({ data: record.data, metadata }, { mountType: 'kv' }));
}

function writeData(request: KvRequest, res: ServerResponse): void {
  const exists = request.vault.kv.get(request.secretPath) !== undefined;
  authorize(request, exists ? 'update' : 'create');
  const data = request.body.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new VaultHttpError(400, ['no data provided']);
  }
  const options = request.body.options as { cas?: unknown } | undefined;
  const cas = options?.cas;
  if (cas !== undefined && (typeof cas !== 'number' || !Number.isInteger(cas) || cas < 0)) {
    throw new VaultHttpError(400, ['invalid value for "cas"']);
  }
  try {
    const metadata = request.vault.kv.put(request.secretPath, data as Record<string, unknown>, cas);
    sendJson(res, 200, envelope(metadata, { mountType: 'kv' }));
  } catch (error) {
    if (error instanceof VaultRequestError) throw new VaultHttpError(400, [error.message]);
    throw error;
  }
}

export function handleKvRequest(request: KvRequest, res: ServerResponse): void {
  const { vault, kind, method, secretPath } = request;
  if (kind === 'data' && method === 'read') return readData(request, res);
  if (kind === 'data' && method === 'write') return writeData(request, res);
  if (kind === 'data' && method === 'delete') {
    authorize(request, 'delete');
    vault.kv.deleteLatest(secretPath);
    return sendNoContent(res);
  }
  if (kind === 'metadata' && method === 'read') {
    authorize(request, 'read');
    const secret = vault.kv.get(secretPath);
    if (!secret) throw notFound();
    return sendJson(res, 200, envelope(metadataOf(secret), { mountType: 'kv' }));
  }
  if (kind === 'metadata' && method === 'delete') {
    authorize(request, 'delete');
    vault.kv.deleteAll(secretPath);
    return sendNoContent(res);
  }
  if (kind === 'metadata' && method === 'list') {
    authorize(request, 'list');
    const keys = vault.kv.list(secretPath === '' ? '' : `${secretPath}/`);
    if (keys.length === 0) throw notFound();
    return sendJson(res, 200, envelope({ keys }, { mountType: 'kv' }));
  }
  throw new VaultHttpError(405, []);
}
