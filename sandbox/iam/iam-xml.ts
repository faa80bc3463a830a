// IAM's XML shapes (User, Policy, AccessKey…) as they appear inside Query-protocol results.
import { xmlElement, xmlMemberList } from '../aws/query-protocol';
import type { IamAccessKey, IamPolicy, IamPolicyVersion, IamTag, IamUser } from './iam-state';

/** IAM timestamps are ISO 8601 in UTC. */
export const isoDate = (epochMs: number): string => new Date(epochMs).toISOString();

function tagsXml(tags: readonly IamTag[]): string {
  if (tags.length === 0) return '';
  return xmlMemberList(
    'Tags',
    tags.map((tag) => `${xmlElement('Key', tag.key)}${xmlElement('Value', tag.value)}`),
  );
}

export function userXml(user: IamUser, withTags = true): string {
  return (
    xmlElement('Path', user.path) +
    xmlElement('UserName', user.userName) +
    xmlElement('UserId', user.userId) +
    xmlElement('Arn', user.arn) +
    xmlElement('CreateDate', isoDate(user.createDate)) +
    (withTags ? tagsXml(user.tags) : '')
  );
}

export function policyXml(policy: IamPolicy, attachmentCount: number, withTags = true): string {
  return (
    xmlElement('PolicyName', policy.policyName) +
    xmlElement('PolicyId', policy.policyId) +
    xmlElement('Arn', policy.arn) +
    xmlElement('Path', policy.path) +
    xmlElement('DefaultVersionId', policy.defaultVersionId) +
    xmlElement('AttachmentCount', attachmentCount) +
    xmlElement('PermissionsBoundaryUsageCount', 0) +
    xmlElement('IsAttachable', true) +
    xmlElement('Description', policy.description) +
    xmlElement('CreateDate', isoDate(policy.createDate)) +
    xmlElement('UpdateDate', isoDate(policy.updateDate)) +
    (withTags ? tagsXml(policy.tags) : '')
  );
}

const rfc3986Encode = (text: string): string =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * A PolicyVersion. IAM sends the document only from GetPolicyVersion (not CreatePolicyVersion or
 * ListPolicyVersions), URL-encoded (RFC 3986), which callers must decode.
 */
export function policyVersionXml(
  policy: IamPolicy,
  version: IamPolicyVersion,
  withDocument: boolean,
): string {
  return (
    (withDocument ? xmlElement('Document', rfc3986Encode(version.document)) : '') +
    xmlElement('VersionId', version.versionId) +
    xmlElement('IsDefaultVersion', version.versionId === policy.defaultVersionId) +
    xmlElement('CreateDate', isoDate(version.createDate))
  );
}

export function accessKeyXml(key: IamAccessKey, withSecret: boolean): string {
  return (
    xmlElement('UserName', key.userName) +
    xmlElement('AccessKeyId', key.accessKeyId) +
    xmlElement('Status', key.status) +
    (withSecret ? xmlElement('SecretAccessKey', key.secretAccessKey) : '') +
    xmlElement('CreateDate', isoDate(key.createDate))
  );
}

export function attachedPolicyXml(policy: IamPolicy): string {
  return xmlElement('PolicyName', policy.policyName) + xmlElement('PolicyArn', policy.arn);
}

/** A page of a list result: the members, then IsTruncated and, when truncated, the Marker. */
export function pageXml(
  listName: string,
  members: readonly string[],
  nextMarker: string | undefined,
): string {
  return (
    xmlMemberList(listName, members) +
    xmlElement('IsTruncated', nextMarker !== undefined) +
    xmlElement('Marker', nextMarker)
  );
}
