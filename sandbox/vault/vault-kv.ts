// A KV version 2 secrets engine: versioned secrets with check-and-set, soft deletes and
// metadata, kept as plain JSON so the whole store can be snapshotted.

/** Vault's default `max_versions`: older versions are pruned beyond it. */
const MAX_VERSIONS = 10;

export interface KvVersion {
  data: Record<string, unknown>;
  createdTime: string;
  /** Empty until the version is soft-deleted, as Vault reports it. */
  deletionTime: string;
  destroyed: boolean;
}

export interface KvSecret {
  createdTime: string;
  updatedTime: string;
  currentVersion: number;
  oldestVersion: number;
  versions: Record<string, KvVersion>;
}

export type KvStoreSnapshot = Record<string, KvSecret>;

/** Raised for request errors Vault reports with HTTP 400 (e.g. a CAS mismatch). */
export class VaultRequestError extends Error {}

export interface KvVersionMetadata {
  created_time: string;
  custom_metadata: null;
  deletion_time: string;
  destroyed: boolean;
  version: number;
}

export function versionMetadata(version: number, record: KvVersion): KvVersionMetadata {
  return {
    created_time: record.createdTime,
    custom_metadata: null,
    deletion_time: record.deletionTime,
    destroyed: record.destroyed,
    version,
  };
}

export function createKvStore(initial: KvStoreSnapshot = {}, now: () => Date = () => new Date()) {
  const secrets = new Map<string, KvSecret>(Object.entries(structuredClone(initial)));

  return {
    get: (path: string): KvSecret | undefined => secrets.get(path),

    /** Writes a new version; `cas` (when given) must equal the current version, 0 if absent. */
    put(path: string, data: Record<string, unknown>, cas: number | undefined): KvVersionMetadata {
      const existing = secrets.get(path);
      if (cas !== undefined && cas !== (existing?.currentVersion ?? 0)) {
        throw new VaultRequestError('check-and-set parameter did not match the current version');
      }
      const time = now().toISOString();
      const secret: KvSecret = existing ?? {
        createdTime: time,
        updatedTime: time,
        currentVersion: 0,
        oldestVersion: 1,
        versions: {},
      };
      const version = secret.currentVersion + 1;
      const record: KvVersion = { data, createdTime: time, deletionTime: '', destroyed: false };
      secret.versions[String(version)] = record;
      secret.currentVersion = version;
      secret.updatedTime = time;
      while (version - secret.oldestVersion >= MAX_VERSIONS) {
        delete secret.versions[String(secret.oldestVersion)];
        secret.oldestVersion += 1;
      }
      secrets.set(path, secret);
      return versionMetadata(version, record);
    },

    /** Soft-deletes the current version; its data stays until destroyed, as in Vault. */
    deleteLatest(path: string): void {
      const secret = secrets.get(path);
      const current = secret?.versions[String(secret.currentVersion)];
      if (secret && current && current.deletionTime === '') {
        current.deletionTime = now().toISOString();
        secret.updatedTime = current.deletionTime;
      }
    },

    /** Deletes the secret with all its versions and metadata. */
    deleteAll(path: string): void {
      secrets.delete(path);
    },

    /** Direct children of `prefix` (a folder path ending in '/' or ''), folders with a '/'. */
    list(prefix: string): string[] {
      const keys = new Set<string>();
      for (const path of secrets.keys()) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        keys.add(slash < 0 ? rest : rest.slice(0, slash + 1));
      }
      return [...keys].sort();
    },

    snapshot: (): KvStoreSnapshot => structuredClone(Object.fromEntries(secrets)),
  };
}

export type KvStore = ReturnType<typeof createKvStore>;
