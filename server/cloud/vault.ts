// Vault KV v2 over node-vault: read, write (optionally check-and-set) and delete one secret under
// the configured mount. Generic: provisioning keeps AWS keys here, login keeps OIDC client secrets.
import 'server-only';
import nodeVault from 'node-vault';
import { getConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { CloudError } from './cloud-error';
import { toVaultCloudError } from './vault-error';
import { withRetry } from './with-retry';

export interface VaultSecret {
  data: Record<string, string>;
  version: number;
}

export interface VaultKv {
  /** The current version of the secret, or null when it does not exist or was deleted. */
  readSecret(path: string): Promise<VaultSecret | null>;
  /** Writes a new version. `cas`: the version expected to be current (0 = must not exist). */
  writeSecret(
    path: string,
    data: Record<string, string>,
    options?: { cas?: number },
  ): Promise<{ version: number }>;
  /** Deletes the secret with all its versions (metadata delete). Absent is fine. */
  deleteSecret(path: string): Promise<void>;
}

export interface VaultKvOptions {
  address: string;
  token: string;
  mount: string;
  timeoutMs: number;
}

export function createVaultKv(options: VaultKvOptions): VaultKv {
  const client = nodeVault({
    apiVersion: 'v1',
    endpoint: options.address,
    token: options.token,
    requestOptions: { timeout: options.timeoutMs },
  });
  const dataPath = (path: string) => `${options.mount}/data/${checkPath(path)}`;
  const metadataPath = (path: string) => `${options.mount}/metadata/${checkPath(path)}`;
  const call = <T>(work: () => Promise<T>) =>
    withRetry(
      () => work().catch((error: unknown) => Promise.reject(toVaultCloudError(error))),
      (error) => error instanceof CloudError && error.retryable,
    );

  return {
    async readSecret(path) {
      try {
        const response = await call(() => client.read(dataPath(path)));
        const data = response?.data?.data as Record<string, string> | null | undefined;
        if (!data) return null;
        return { data, version: Number(response.data.metadata.version) };
      } catch (error) {
        if (error instanceof CloudError && error.status === 404) return null;
        throw error;
      }
    },
    async writeSecret(path, data, writeOptions = {}) {
      const body =
        writeOptions.cas === undefined ? { data } : { data, options: { cas: writeOptions.cas } };
      try {
        const response = await call(() => client.write(dataPath(path), body));
        return { version: Number(response.data.version) };
      } catch (error) {
        if (
          error instanceof CloudError &&
          error.status === 400 &&
          /check-and-set/i.test(error.message)
        ) {
          throw new DomainError(
            'conflict',
            `The secret at ${path} changed meanwhile; read it again.`,
          );
        }
        throw error;
      }
    },
    async deleteSecret(path) {
      try {
        await call(() => client.delete(metadataPath(path)));
      } catch (error) {
        if (error instanceof CloudError && error.status === 404) return;
        throw error;
      }
    },
  };
}

let shared: VaultKv | undefined;

/** The process's Vault client, from the configuration. */
export function getVaultKv(): VaultKv {
  const config = getConfig();
  if (!config.VAULT_TOKEN) {
    throw new DomainError(
      'unavailable',
      'Vault is not configured: set VAULT_TOKEN (and VAULT_ADDR).',
    );
  }
  shared ??= createVaultKv({
    address: config.VAULT_ADDR,
    token: config.VAULT_TOKEN,
    mount: config.VAULT_KV_MOUNT,
    timeoutMs: config.ZK_AWS_TIMEOUT_MS,
  });
  return shared;
}

function checkPath(path: string): string {
  const clean = path.replace(/^\/+|\/+$/g, '');
  if (!/^[A-Za-z0-9_.\/-]+$/.test(clean) || clean.split('/').includes('..')) {
    throw new DomainError('invalid_input', `"${path}" is not a valid Vault secret path.`);
  }
  return clean;
}
