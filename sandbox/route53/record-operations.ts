// ChangeResourceRecordSets, ListResourceRecordSets and GetChange.
import { xmlText } from '../http/xml';
import { planChangeBatch } from './change-batch-validation';
import { normalizeDnsName } from './dns-names';
import { changeArn, readMaxItems, type OperationHandler } from './operation-context';
import { positionOf } from './record-ordering';
import { RECORD_TYPES } from './record-set';
import { parseChangeId } from './resource-ids';
import { route53Errors } from './route53-errors';
import { parseChangeBatch } from './route53-request-parsing';
import { changeInfoXml, responseDocument } from './route53-xml';
import { authorizedZone } from './zone-operations';

const MAX_RECORDS_PER_PAGE = 300;

export const changeResourceRecordSets: OperationHandler = (context) => {
  const { store, pathParams, body, authorize } = context;
  const zone = authorizedZone(store, pathParams[0]!, authorize);
  const batch = parseChangeBatch(body);
  const writes = planChangeBatch(zone, batch.changes);
  context.beginZoneChange(zone.id);
  const change = store.applyWrites(zone, writes, batch.comment);
  return {
    status: 200,
    body: responseDocument('ChangeResourceRecordSetsResponse', changeInfoXml(change)),
  };
};

export const listResourceRecordSets: OperationHandler = ({
  store,
  pathParams,
  query,
  authorize,
}) => {
  const zone = authorizedZone(store, pathParams[0]!, authorize);
  const maxItems = readMaxItems(query, MAX_RECORDS_PER_PAGE, MAX_RECORDS_PER_PAGE);
  const rawName = query.get('name');
  const type = query.get('type') ?? undefined;
  const identifier = query.get('identifier') ?? undefined;
  if (type !== undefined && rawName === null) {
    throw route53Errors.invalidInput(
      'StartRecordType may only be given together with StartRecordName.',
    );
  }
  if (identifier !== undefined && type === undefined) {
    throw route53Errors.invalidInput(
      'StartRecordIdentifier requires StartRecordName and StartRecordType.',
    );
  }
  if (type !== undefined && !RECORD_TYPES.has(type)) {
    throw route53Errors.invalidInput(`Invalid type: ${type}`);
  }
  const startName = rawName === null ? undefined : normalizeDnsName(rawName);
  if (rawName !== null && !startName) throw route53Errors.invalidInput(`Invalid name: ${rawName}`);

  const { records } = zone.records;
  const start = startName
    ? zone.records.lowerBound(positionOf(startName, type ?? '', identifier))
    : 0;
  const end = Math.min(start + maxItems, records.length);
  let xml = '<ResourceRecordSets>';
  for (let i = start; i < end; i++) xml += records[i]!.xml;
  xml += '</ResourceRecordSets>';
  const next = records[end];
  xml += xmlText('IsTruncated', next !== undefined);
  if (next) {
    xml += xmlText('NextRecordName', next.set.name) + xmlText('NextRecordType', next.set.type);
    xml += xmlText('NextRecordIdentifier', next.set.setIdentifier);
  }
  xml += xmlText('MaxItems', maxItems);
  return { status: 200, body: responseDocument('ListResourceRecordSetsResponse', xml) };
};

export const getChange: OperationHandler = ({ store, pathParams, authorize }) => {
  const rawId = pathParams[0]!;
  const id = parseChangeId(rawId);
  authorize(changeArn(id ?? rawId));
  const change = id === undefined ? undefined : store.getChange(id);
  if (!change) throw route53Errors.noSuchChange(rawId);
  return { status: 200, body: responseDocument('GetChangeResponse', changeInfoXml(change)) };
};
