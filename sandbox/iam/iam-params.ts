// Reading IAM request parameters: required values, tags, pagination (Marker/MaxItems).
import type { Caller } from '../aws/identity';
import { readMemberList, validationError } from '../aws/query-protocol';
import { requireEntityName, requirePath } from './iam-names';
import type { IamTag } from './iam-state';

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null) {
    throw validationError(
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** IAM's Boolean parameters: `true` or `false`, absent meaning false. */
export function booleanParam(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  if (value === null || value === 'false') return false;
  if (value === 'true') return true;
  throw validationError(
    `1 validation error detected: Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be true or false`,
  );
}

/** A policy version id as IAM's pattern allows it: `v` and a number, e.g. `v3`. */
export function versionIdParam(params: URLSearchParams): string {
  const versionId = requiredParam(params, 'VersionId');
  if (!/^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/.test(versionId)) {
    throw validationError(
      `1 validation error detected: Value '${versionId}' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?`,
    );
  }
  return versionId;
}

export function userNameParam(params: URLSearchParams): string {
  return requireEntityName('userName', requiredParam(params, 'UserName'), 64);
}

/** Key operations default to the calling user when UserName is omitted, as IAM does. */
export function userNameOrCaller(params: URLSearchParams, caller: Caller): string {
  if (params.has('UserName')) return userNameParam(params);
  if (caller.kind === 'iam-user') return caller.userName;
  throw validationError('UserName is required when the platform credentials call IAM.');
}

export function pathParam(params: URLSearchParams, name = 'Path'): string {
  return requirePath(lowerFirst(name), params.get(name) ?? '/');
}

export function tagsParam(params: URLSearchParams): IamTag[] {
  const tags = readMemberList(params, 'Tags').map((member) => ({
    key: member.get('Key') ?? '',
    value: member.get('Value') ?? '',
  }));
  if (tags.length > 50) throw validationError('Cannot exceed quota for TagsPerResource: 50.');
  for (const tag of tags) {
    if (tag.key.length < 1 || tag.key.length > 128) {
      throw validationError(`Tag key must be between 1 and 128 characters: '${tag.key}'`);
    }
  }
  return tags;
}

export interface Page<T> {
  items: T[];
  nextMarker?: string;
}

/**
 * One page of `items` ordered by `sortKey`. The marker is opaque to callers; it encodes the last
 * key returned so that pages stay stable when entities are created or deleted in between.
 */
export function paginate<T>(
  items: readonly T[],
  sortKey: (item: T) => string,
  params: URLSearchParams,
): Page<T> {
  const maxItems = Number(params.get('MaxItems') ?? '100');
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw validationError(
      `1 validation error detected: Value '${params.get('MaxItems')}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  const sorted = [...items].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
  const marker = params.get('Marker');
  let start = 0;
  if (marker !== null) {
    const after = Buffer.from(marker, 'base64url').toString('utf8');
    if (!after) throw validationError('Invalid Marker.');
    start = sorted.findIndex((item) => sortKey(item) > after);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + maxItems);
  const last = page.at(-1);
  const truncated = start + maxItems < sorted.length && last !== undefined;
  return {
    items: page,
    nextMarker: truncated ? Buffer.from(sortKey(last), 'utf8').toString('base64url') : undefined,
  };
}
