// ListHostedZones (by id, Marker/NextMarker) and ListHostedZonesByName (by reversed name, then id).
import { normalizeDnsName, reversedLabelKey } from './dns-names';
import { readMaxItems, type OperationHandler } from './operation-context';
import { parseHostedZoneId } from './resource-ids';
import { route53Errors } from './route53-errors';
import { hostedZoneXml, responseDocument } from './route53-xml';
import { hostedZoneView } from './zone-operations';
import { xmlText } from '../http/xml';
import type { HostedZone } from './zone-store';

const MAX_ZONES_PER_PAGE = 100;

export const listHostedZones: OperationHandler = ({ store, query, authorize }) => {
  authorize('*');
  const maxItems = readMaxItems(query, MAX_ZONES_PER_PAGE, MAX_ZONES_PER_PAGE);
  const marker = query.get('marker') ?? undefined;
  const zones = [...store.zones.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const start = marker === undefined ? 0 : zones.findIndex((zone) => zone.id >= marker);
  const page = start < 0 ? [] : zones.slice(start, start + maxItems);
  const next = start < 0 ? undefined : zones[start + maxItems];
  return {
    status: 200,
    body: responseDocument(
      'ListHostedZonesResponse',
      zonesXml(page) +
        xmlText('Marker', marker ?? '') +
        xmlText('IsTruncated', next !== undefined) +
        xmlText('NextMarker', next?.id) +
        xmlText('MaxItems', maxItems),
    ),
  };
};

export const listHostedZonesByName: OperationHandler = ({ store, query, authorize }) => {
  authorize('*');
  const maxItems = readMaxItems(query, MAX_ZONES_PER_PAGE, MAX_ZONES_PER_PAGE);
  const rawName = query.get('dnsname') ?? undefined;
  const rawZoneId = query.get('hostedzoneid') ?? undefined;
  if (rawZoneId !== undefined && rawName === undefined) {
    throw route53Errors.invalidInput('HostedZoneId may only be given together with DNSName.');
  }
  const dnsName = rawName === undefined ? undefined : normalizeDnsName(rawName);
  if (rawName !== undefined && !dnsName) throw route53Errors.invalidDomainName(rawName);
  const zoneId = rawZoneId === undefined ? undefined : parseHostedZoneId(rawZoneId);
  if (rawZoneId !== undefined && !zoneId)
    throw route53Errors.invalidInput(`Invalid id: ${rawZoneId}`);

  const byName = [...store.zones.values()]
    .map((zone) => ({ zone, key: reversedLabelKey(zone.name) }))
    .sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.zone.id < b.zone.id ? -1 : 1));
  const startKey = dnsName === undefined ? undefined : reversedLabelKey(dnsName);
  const start =
    startKey === undefined
      ? 0
      : byName.findIndex(
          ({ key, zone }) => key > startKey || (key === startKey && (!zoneId || zone.id >= zoneId)),
        );
  const page = start < 0 ? [] : byName.slice(start, start + maxItems).map((entry) => entry.zone);
  const next = start < 0 ? undefined : byName[start + maxItems]?.zone;
  return {
    status: 200,
    body: responseDocument(
      'ListHostedZonesByNameResponse',
      zonesXml(page) +
        xmlText('DNSName', dnsName) +
        xmlText('HostedZoneId', zoneId) +
        xmlText('IsTruncated', next !== undefined) +
        xmlText('NextDNSName', next?.name) +
        xmlText('NextHostedZoneId', next?.id) +
        xmlText('MaxItems', maxItems),
    ),
  };
};

function zonesXml(zones: HostedZone[]): string {
  return `<HostedZones>${zones.map((zone) => hostedZoneXml(hostedZoneView(zone))).join('')}</HostedZones>`;
}
