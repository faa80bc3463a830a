// The AWS credentials an ExternalDNS pod would see: the shared-credentials file named by
// AWS_SHARED_CREDENTIALS_FILE (default /.aws/credentials, HOME being / in its image), found in the
// Secret volume mounted at its directory, and the profile AWS_PROFILE names (default `default`).
import path from 'node:path/posix';
import type { JsonObject } from '../kube/field-paths';
import { findResourceType } from '../kube/kube-resources';
import { resourceKey, type KubeStore } from '../kube/kube-store';

const SECRETS = resourceKey(findResourceType('', 'v1', 'secrets')!);

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type MountedCredentials =
  { ok: true; credentials: AwsCredentials; secretName: string } | { ok: false; error: string };

interface Container {
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
}
interface Volume {
  name: string;
  secret?: { secretName?: string; items?: { key: string; path: string }[] };
}

/** The profile's keys from an AWS shared-credentials (INI) file. */
export function parseSharedCredentials(text: string, profile: string): AwsCredentials | undefined {
  let section: string | undefined;
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    // Only whole-line comments: a value may hold any character but a line break.
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    const equals = line.indexOf('=');
    if (section === profile && equals > 0)
      values[line.slice(0, equals).trim().toLowerCase()] = line.slice(equals + 1).trim();
  }
  const accessKeyId = values.aws_access_key_id;
  const secretAccessKey = values.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: values.aws_session_token || undefined };
}

export function mountedCredentials(
  store: KubeStore,
  deployment: JsonObject,
  containerName: string,
): MountedCredentials {
  const namespace = String((deployment.metadata as JsonObject).namespace);
  const podSpec = ((deployment.spec as JsonObject).template as JsonObject).spec as {
    containers: (Container & { name: string })[];
    volumes?: Volume[];
  };
  const container = podSpec.containers.find((candidate) => candidate.name === containerName)!;
  const env = (name: string) => container.env?.find((variable) => variable.name === name)?.value;
  const file = env('AWS_SHARED_CREDENTIALS_FILE') ?? '/.aws/credentials';
  const profile = env('AWS_PROFILE') ?? 'default';
  const mount = (container.volumeMounts ?? [])
    .filter((candidate) => !candidate.subPath && isUnder(file, candidate.mountPath))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  if (!mount)
    return {
      ok: false,
      error: `no volume is mounted at ${path.dirname(file)}, where AWS_SHARED_CREDENTIALS_FILE=${file} is read`,
    };
  const volume = podSpec.volumes?.find((candidate) => candidate.name === mount.name);
  const secretName = volume?.secret?.secretName;
  if (!secretName)
    return {
      ok: false,
      error: `volume "${mount.name}" mounted at ${mount.mountPath} is not a Secret`,
    };
  const relative = path.relative(mount.mountPath, file);
  const items = volume.secret?.items;
  const key = items ? items.find((item) => item.path === relative)?.key : relative;
  const secret = store.get(SECRETS, namespace, secretName);
  if (!secret)
    return {
      ok: false,
      error: `Secret "${secretName}" in ${namespace} does not exist (the pod cannot start)`,
    };
  const encoded = key ? (secret.data as Record<string, string> | undefined)?.[key] : undefined;
  if (encoded === undefined)
    return {
      ok: false,
      error: `Secret "${secretName}" has no key "${key ?? relative}" for ${file}`,
    };
  const credentials = parseSharedCredentials(
    Buffer.from(encoded, 'base64').toString('utf8'),
    profile,
  );
  if (!credentials)
    return {
      ok: false,
      error: `${file} (Secret "${secretName}") has no aws_access_key_id and aws_secret_access_key in profile [${profile}]`,
    };
  return { ok: true, credentials, secretName };
}

function isUnder(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
