// The Route 53 REST paths the sandbox serves, mapped to their operation names and handlers.
import type { OperationHandler } from './operation-context';
import { changeResourceRecordSets, getChange, listResourceRecordSets } from './record-operations';
import { changeTagsForResource, listTagsForResource, listTagsForResources } from './tag-operations';
import { listHostedZones, listHostedZonesByName } from './zone-listing';
import {
  createHostedZone,
  deleteHostedZone,
  getHostedZone,
  getHostedZoneCount,
} from './zone-operations';

interface Route {
  method: string;
  pattern: RegExp;
  operation: string;
  handler: OperationHandler;
}

const SEGMENT = '([^/]+)';
const route = (
  method: string,
  path: string,
  operation: string,
  handler: OperationHandler,
): Route => ({
  method,
  pattern: new RegExp(`^/2013-04-01/${path.replaceAll('{}', SEGMENT)}/?$`),
  operation,
  handler,
});

const ROUTES: Route[] = [
  route('POST', 'hostedzone', 'CreateHostedZone', createHostedZone),
  route('GET', 'hostedzone', 'ListHostedZones', listHostedZones),
  route('GET', 'hostedzonesbyname', 'ListHostedZonesByName', listHostedZonesByName),
  route('GET', 'hostedzonecount', 'GetHostedZoneCount', getHostedZoneCount),
  route('GET', 'hostedzone/{}', 'GetHostedZone', getHostedZone),
  route('DELETE', 'hostedzone/{}', 'DeleteHostedZone', deleteHostedZone),
  route('POST', 'hostedzone/{}/rrset', 'ChangeResourceRecordSets', changeResourceRecordSets),
  route('GET', 'hostedzone/{}/rrset', 'ListResourceRecordSets', listResourceRecordSets),
  route('GET', 'change/{}', 'GetChange', getChange),
  route('POST', 'tags/{}/{}', 'ChangeTagsForResource', changeTagsForResource),
  route('GET', 'tags/{}/{}', 'ListTagsForResource', listTagsForResource),
  route('POST', 'tags/{}', 'ListTagsForResources', listTagsForResources),
];

export interface MatchedRoute {
  operation: string;
  handler: OperationHandler;
  pathParams: string[];
}

export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match) {
      const pathParams = match.slice(1).map((segment) => decodeURIComponent(segment));
      return { operation: candidate.operation, handler: candidate.handler, pathParams };
    }
  }
  return undefined;
}
