// Tags on hosted zones: ChangeTagsForResource, ListTagsForResource, ListTagsForResources.
import type { OperationContext, OperationHandler } from './operation-context';
import { route53Errors } from './route53-errors';
import { child, children, parseRequestDocument, text } from './route53-request-parsing';
import { responseDocument, tagSetXml } from './route53-xml';
import { authorizedZone } from './zone-operations';

const MAX_TAGS_PER_RESOURCE = 50;
const MAX_RESOURCES_PER_LIST = 10;

/** The sandbox hosts no health checks, so hostedzone is the only taggable resource type. */
function requireHostedZoneType(resourceType: string): void {
  if (resourceType !== 'hostedzone') {
    throw route53Errors.invalidInput(
      `Resource type ${resourceType} is not supported by the sandbox.`,
    );
  }
}

export const changeTagsForResource: OperationHandler = ({ store, pathParams, body, authorize }) => {
  requireHostedZoneType(pathParams[0]!);
  const zone = authorizedZone(store, pathParams[1]!, authorize);
  const root = parseRequestDocument(body, 'ChangeTagsForResourceRequest');
  const add = new Map<string, string>();
  for (const tag of children(child(root, 'AddTags'), 'Tag')) {
    const key = text(tag as Record<string, unknown>, 'Key');
    if (!key) throw route53Errors.invalidInput('Tag keys must not be empty.');
    add.set(key, text(tag as Record<string, unknown>, 'Value') ?? '');
  }
  const removeKeys = children(child(root, 'RemoveTagKeys'), 'Key').map(String);
  const resulting = new Set([...zone.tags.keys()].filter((key) => !removeKeys.includes(key)));
  for (const key of add.keys()) resulting.add(key);
  if (resulting.size > MAX_TAGS_PER_RESOURCE) {
    throw route53Errors.invalidInput(`A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
  }
  store.changeTags(zone, add, removeKeys);
  return { status: 200, body: responseDocument('ChangeTagsForResourceResponse', '') };
};

export const listTagsForResource: OperationHandler = ({ store, pathParams, authorize }) => {
  requireHostedZoneType(pathParams[0]!);
  const zone = authorizedZone(store, pathParams[1]!, authorize);
  return {
    status: 200,
    body: responseDocument('ListTagsForResourceResponse', tagSetXml(zone.id, zone.tags)),
  };
};

export const listTagsForResources: OperationHandler = (context: OperationContext) => {
  const { store, pathParams, body, authorize } = context;
  requireHostedZoneType(pathParams[0]!);
  const root = parseRequestDocument(body, 'ListTagsForResourcesRequest');
  const ids = children(child(root, 'ResourceIds'), 'ResourceId').map(String);
  if (ids.length === 0 || ids.length > MAX_RESOURCES_PER_LIST) {
    throw route53Errors.invalidInput(`ResourceIds must hold 1 to ${MAX_RESOURCES_PER_LIST} ids.`);
  }
  const sets = ids.map((id) => {
    const zone = authorizedZone(store, id, authorize);
    return tagSetXml(zone.id, zone.tags);
  });
  return {
    status: 200,
    body: responseDocument(
      'ListTagsForResourcesResponse',
      `<ResourceTagSets>${sets.join('')}</ResourceTagSets>`,
    ),
  };
};
