// Hosted zone operations: create, get, delete, count.
import { isValidZoneName, normalizeDnsName } from './dns-names';
import type { OperationHandler } from './operation-context';
import { zoneArn } from './operation-context';
import { parseHostedZoneId } from './resource-ids';
import { route53Errors } from './route53-errors';
import { child, parseRequestDocument, text } from './route53-request-parsing';
import { changeInfoXml, delegationSetXml, hostedZoneXml, responseDocument } from './route53-xml';
import type { HostedZone } from './zone-store';

export function hostedZoneView(zone: HostedZone) {
  return { ...zone, recordCount: zone.records.records.length };
}

export const createHostedZone: OperationHandler = ({ store, body, authorize }) => {
  authorize('*');
  const root = parseRequestDocument(body, 'CreateHostedZoneRequest');
  const rawName = text(root, 'Name');
  const callerReference = text(root, 'CallerReference');
  if (!rawName || !callerReference) {
    throw route53Errors.invalidInput('Invalid request: Name and CallerReference are required.');
  }
  if (callerReference.length > 128) {
    throw route53Errors.invalidInput('CallerReference must be at most 128 characters.');
  }
  if (root.VPC !== undefined) {
    throw route53Errors.invalidInput('The sandbox hosts public hosted zones only.');
  }
  const name = normalizeDnsName(rawName);
  if (!name || !isValidZoneName(name)) throw route53Errors.invalidDomainName(rawName);
  const comment = text(child(root, 'HostedZoneConfig'), 'Comment');
  const { zone, change } = store.createZone(name, callerReference, comment);
  return {
    status: 201,
    headers: { location: `/2013-04-01/hostedzone/${zone.id}` },
    body: responseDocument(
      'CreateHostedZoneResponse',
      hostedZoneXml(hostedZoneView(zone)) +
        changeInfoXml(change) +
        delegationSetXml(zone.nameServers),
    ),
  };
};

export const getHostedZone: OperationHandler = ({ store, pathParams, authorize }) => {
  const zone = authorizedZone(store, pathParams[0]!, authorize);
  return {
    status: 200,
    body: responseDocument(
      'GetHostedZoneResponse',
      hostedZoneXml(hostedZoneView(zone)) + delegationSetXml(zone.nameServers),
    ),
  };
};

export const deleteHostedZone: OperationHandler = ({ store, pathParams, authorize }) => {
  const zone = authorizedZone(store, pathParams[0]!, authorize);
  const onlyApexRecords = zone.records.records.every(
    (r) => r.set.name === zone.name && (r.set.type === 'SOA' || r.set.type === 'NS'),
  );
  if (!onlyApexRecords) throw route53Errors.hostedZoneNotEmpty();
  const change = store.deleteZone(zone);
  return { status: 200, body: responseDocument('DeleteHostedZoneResponse', changeInfoXml(change)) };
};

export const getHostedZoneCount: OperationHandler = ({ store, authorize }) => {
  authorize('*');
  return {
    status: 200,
    body: responseDocument(
      'GetHostedZoneCountResponse',
      `<HostedZoneCount>${store.zones.size}</HostedZoneCount>`,
    ),
  };
};

/** Authorisation comes before existence, so a refused caller cannot probe which zone ids exist. */
export function authorizedZone(
  store: { getZone(rawId: string, id: string | undefined): HostedZone },
  rawId: string,
  authorize: (arn: string) => void,
): HostedZone {
  const id = parseHostedZoneId(rawId);
  authorize(zoneArn(id ?? rawId));
  return store.getZone(rawId, id);
}
