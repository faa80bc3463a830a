// Serialises Route 53 entities to the 2013-04-01 REST-XML shapes the SDK parses.
import { escapeXml, xmlElement, xmlText, XML_DECLARATION } from '../http/xml';
import { ROUTE53_NAMESPACE } from './route53-errors';
import type { ResourceRecordSet } from './record-set';

export interface HostedZoneView {
  id: string;
  name: string;
  callerReference: string;
  comment?: string;
  recordCount: number;
  nameServers: string[];
}

export interface ChangeInfoView {
  id: string;
  status: 'PENDING' | 'INSYNC';
  submittedAt: number;
  comment?: string;
}

export function responseDocument(rootName: string, innerXml: string): string {
  return `${XML_DECLARATION}<${rootName} xmlns="${ROUTE53_NAMESPACE}">${innerXml}</${rootName}>`;
}

export function hostedZoneXml(zone: HostedZoneView): string {
  return xmlElement(
    'HostedZone',
    xmlText('Id', `/hostedzone/${zone.id}`) +
      xmlText('Name', zone.name) +
      xmlText('CallerReference', zone.callerReference) +
      xmlElement('Config', xmlText('Comment', zone.comment) + xmlText('PrivateZone', false)) +
      xmlText('ResourceRecordSetCount', zone.recordCount),
  );
}

export function delegationSetXml(nameServers: string[]): string {
  return xmlElement(
    'DelegationSet',
    xmlElement('NameServers', nameServers.map((ns) => xmlText('NameServer', ns)).join('')),
  );
}

export function changeInfoXml(change: ChangeInfoView): string {
  return xmlElement(
    'ChangeInfo',
    xmlText('Id', `/change/${change.id}`) +
      xmlText('Status', change.status) +
      xmlText('SubmittedAt', new Date(change.submittedAt).toISOString()) +
      xmlText('Comment', change.comment),
  );
}

export function resourceRecordSetXml(set: ResourceRecordSet): string {
  let inner = xmlText('Name', set.name) + xmlText('Type', set.type);
  inner += xmlText('SetIdentifier', set.setIdentifier) + xmlText('Weight', set.weight);
  inner += xmlText('Region', set.region) + xmlText('Failover', set.failover);
  inner += xmlText('MultiValueAnswer', set.multiValueAnswer) + xmlText('TTL', set.ttl);
  if (set.values.length > 0) {
    const records = set.values.map(
      (v) => `<ResourceRecord><Value>${escapeXml(v)}</Value></ResourceRecord>`,
    );
    inner += xmlElement('ResourceRecords', records.join(''));
  }
  if (set.aliasTarget) {
    inner += xmlElement(
      'AliasTarget',
      xmlText('HostedZoneId', set.aliasTarget.hostedZoneId) +
        xmlText('DNSName', set.aliasTarget.dnsName) +
        xmlText('EvaluateTargetHealth', set.aliasTarget.evaluateTargetHealth),
    );
  }
  inner += xmlText('HealthCheckId', set.healthCheckId);
  return xmlElement('ResourceRecordSet', inner);
}

export function tagSetXml(zoneId: string, tags: Map<string, string>): string {
  const tagXml = [...tags].map(([key, value]) =>
    xmlElement('Tag', xmlText('Key', key) + xmlText('Value', value)),
  );
  return xmlElement(
    'ResourceTagSet',
    xmlText('ResourceType', 'hostedzone') +
      xmlText('ResourceId', zoneId) +
      xmlElement('Tags', tagXml.join('')),
  );
}
