// Parses Route 53 request bodies into typed inputs; anything malformed is InvalidInput, as AWS answers.
import { XMLParser } from 'fast-xml-parser';
import type { ResourceRecordSet } from './record-set';
import { route53Errors } from './route53-errors';

const LIST_ELEMENTS = new Set(['Change', 'ResourceRecord', 'Tag', 'ResourceId']);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  removeNSPrefix: true,
  // Key is a list only under RemoveTagKeys; inside a Tag it is the tag's key.
  isArray: (name, jpath) => LIST_ELEMENTS.has(name) || String(jpath).endsWith('RemoveTagKeys.Key'),
});

type XmlNode = Record<string, unknown>;

export function parseRequestDocument(body: string, rootName: string): XmlNode {
  let document: XmlNode;
  try {
    document = parser.parse(body, true) as XmlNode;
  } catch {
    throw route53Errors.invalidInput('Invalid XML: the request body could not be parsed.');
  }
  const root = document[rootName];
  if (root === undefined || typeof root !== 'object' || root === null) {
    throw route53Errors.invalidInput(`Invalid XML: expected root element ${rootName}.`);
  }
  return root as XmlNode;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as XmlNode)
    : undefined;
}

export function children(node: XmlNode | undefined, name: string): unknown[] {
  const value = node?.[name];
  return Array.isArray(value) ? value : [];
}

export function text(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  // An empty element parses as "" and a nested one as an object: only the former is text.
  throw route53Errors.invalidInput(`Invalid XML: ${name} must be text.`);
}

export function integer(node: XmlNode | undefined, name: string): number | undefined {
  const value = text(node, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()))
    throw route53Errors.invalidInput(`${name} must be an integer.`);
  return Number(value.trim());
}

function boolean(node: XmlNode | undefined, name: string): boolean | undefined {
  const value = text(node, name)?.trim();
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw route53Errors.invalidInput(`${name} must be a boolean.`);
  return value === 'true';
}

export interface ParsedChange {
  action: string;
  set: ResourceRecordSet;
  /** The name as sent, for messages about names that are not valid at all. */
  rawName: string;
}

export function parseChangeBatch(body: string): { comment?: string; changes: ParsedChange[] } {
  const root = parseRequestDocument(body, 'ChangeResourceRecordSetsRequest');
  const batch = child(root, 'ChangeBatch');
  if (!batch) throw route53Errors.invalidInput('Invalid request: ChangeBatch is required.');
  const changes = children(child(batch, 'Changes'), 'Change').map((raw) => {
    const change = raw as XmlNode;
    const set = child(change, 'ResourceRecordSet');
    const action = text(change, 'Action');
    const name = text(set, 'Name');
    const type = text(set, 'Type');
    if (!set || !action || name === undefined || !type) {
      throw route53Errors.invalidInput('Invalid request: Action, Name and Type are required.');
    }
    const alias = child(set, 'AliasTarget');
    const parsed: ResourceRecordSet = withoutUndefined({
      name,
      type,
      setIdentifier: text(set, 'SetIdentifier'),
      weight: integer(set, 'Weight'),
      region: text(set, 'Region'),
      failover: text(set, 'Failover'),
      multiValueAnswer: boolean(set, 'MultiValueAnswer'),
      healthCheckId: text(set, 'HealthCheckId'),
      ttl: integer(set, 'TTL'),
      values: children(child(set, 'ResourceRecords'), 'ResourceRecord').map(
        (record) => text(record as XmlNode, 'Value') ?? '',
      ),
      aliasTarget: alias && {
        hostedZoneId: text(alias, 'HostedZoneId') ?? '',
        dnsName: text(alias, 'DNSName') ?? '',
        evaluateTargetHealth: boolean(alias, 'EvaluateTargetHealth') ?? false,
      },
    });
    return { action, set: parsed, rawName: name };
  });
  if (changes.length === 0) {
    throw route53Errors.invalidInput(
      'Invalid request: ChangeBatch must contain at least one Change.',
    );
  }
  return { comment: text(batch, 'Comment'), changes };
}

/** Stored sets keep only the fields they have: a zone may hold 10,000+ of them. */
function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
