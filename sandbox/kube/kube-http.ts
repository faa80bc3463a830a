// The HTTP face of one sandbox cluster: bearer-token authentication, discovery, the resource
// URLs (/api/v1/..., /apis/<group>/<version>/..., namespaced and cluster-wide), Table output for
// kubectl, and watches streamed as newline-delimited JSON events.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { isJsonObject, type JsonObject } from './field-paths';
import type { KubeApi } from './kube-api';
import {
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiV3Document,
  openApiV3Index,
  SANDBOX_KUBERNETES_VERSION,
} from './kube-discovery';
import { findResourceType, groupVersionOf, type KubeResourceType } from './kube-resources';
import {
  badRequest,
  KubeApiError,
  methodNotAllowed,
  pathNotFound,
  unauthorized,
} from './kube-status';
import type { KubeStore } from './kube-store';
import { decodeProtobufObject } from './protobuf-body';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { toTable, type IncludeObject } from './kube-table';
import { streamWatch } from './kube-watch';

const MAX_BODY_BYTES = 3 * 1024 * 1024;
const READ_VERBS = new Set(['get', 'list', 'watch']);

export interface KubeHttpOptions {
  api: KubeApi;
  store: KubeStore;
  /** Full access. */
  adminToken: string;
  /** Read-only access: writes answer 403 Forbidden, as RBAC would. */
  viewerToken: string;
  now: () => number;
}

type Caller = 'admin' | 'viewer';

function sameToken(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

function authenticate(request: IncomingMessage, options: KubeHttpOptions): Caller {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match) {
    if (sameToken(match[1]!, options.adminToken)) return 'admin';
    if (sameToken(match[1]!, options.viewerToken)) return 'viewer';
  }
  throw unauthorized();
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new KubeApiError(413, 'RequestEntityTooLarge', 'the request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

function parseObjectBody(raw: Buffer, contentType: string): JsonObject {
  if (contentType === PROTOBUF) return decodeProtobufObject(raw);
  const text = raw.toString('utf8');
  let body: unknown;
  try {
    body = /yaml/.test(contentType) ? parseYaml(text) : JSON.parse(text);
  } catch {
    throw badRequest(`the request body is not valid ${/yaml/.test(contentType) ? 'YAML' : 'JSON'}`);
  }
  if (!isJsonObject(body)) throw badRequest('the request body must be an object');
  return body;
}

interface ResourceRoute {
  type: KubeResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** `/api/v1/...` or `/apis/<group>/<version>/...` split into type, namespace, name, subresource. */
function resourceRoute(
  group: string,
  version: string,
  segments: string[],
): ResourceRoute | undefined {
  if (segments[0] === 'namespaces' && segments.length >= 3) {
    const type = findResourceType(group, version, segments[2]!);
    if (type?.namespaced) {
      if (segments.length > 5) return undefined;
      return { type, namespace: segments[1], name: segments[3], subresource: segments[4] };
    }
  }
  const type = findResourceType(group, version, segments[0] ?? '');
  if (!type || segments.length > 3) return undefined;
  return { type, name: segments[1], subresource: segments[2] };
}

function verbOf(method: string, route: ResourceRoute, query: URLSearchParams): string {
  const watching = query.get('watch') === 'true' || query.get('watch') === '1';
  if (method === 'GET') return watching ? 'watch' : route.name ? 'get' : 'list';
  if (method === 'POST') return 'create';
  if (method === 'PUT') return 'update';
  if (method === 'PATCH') return 'patch';
  if (method === 'DELETE') return route.name ? 'delete' : 'deletecollection';
  return method.toLowerCase();
}

function forbidden(caller: Caller, verb: string, route: ResourceRoute): KubeApiError {
  const { type } = route;
  const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
  const where = route.namespace
    ? ` in the namespace "${route.namespace}"`
    : ' at the cluster scope';
  return new KubeApiError(
    403,
    'Forbidden',
    `${resource}${route.name ? ` "${route.name}"` : ''} is forbidden: User "sandbox-${caller}" cannot ${verb} resource "${type.plural}" in API group "${type.group}"${where}`,
    { ...(route.name ? { name: route.name } : {}), group: type.group, kind: type.plural },
  );
}

function wantsTable(request: IncomingMessage): boolean {
  return /as=Table/.test(request.headers.accept ?? '');
}

function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function matcherOf(query: URLSearchParams) {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'));
  return (object: JsonObject) => labels(object) && fields(object);
}

function listOf(type: KubeResourceType, items: JsonObject[], resourceVersion: string) {
  return {
    kind: `${type.kind}List`,
    apiVersion: groupVersionOf(type),
    metadata: { resourceVersion },
    items,
  };
}

function writeOptionsOf(request: IncomingMessage, query: URLSearchParams) {
  const given = query.get('fieldManager');
  // Without fieldManager the API server names the manager after the client's user agent.
  const userAgent = (request.headers['user-agent'] ?? 'unknown').split('/')[0] || 'unknown';
  return {
    fieldManager: given ?? userAgent,
    fieldManagerGiven: given !== null,
    dryRun: query.get('dryRun') === 'All',
    force: query.get('force') === 'true',
  };
}

async function handleResource(
  route: ResourceRoute,
  caller: Caller,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
  options: KubeHttpOptions,
): Promise<void> {
  const { api } = options;
  const { type, namespace, name, subresource } = route;
  const method = request.method ?? 'GET';
  const verb = verbOf(method, route, query);
  if (subresource !== undefined && (subresource !== 'status' || method !== 'GET'))
    throw pathNotFound(request.url ?? '');
  if (!type.verbs.includes(verb)) throw methodNotAllowed(type, verb);
  if (caller === 'viewer' && !READ_VERBS.has(verb)) throw forbidden(caller, verb, route);

  if (verb === 'watch')
    return streamWatch({
      ...route,
      store: options.store,
      matches: matcherOf(query),
      table: wantsTable(request)
        ? { includeObject: includeObjectOf(query), now: options.now }
        : undefined,
      query,
      request,
      response,
    });
  if (verb === 'list') {
    const { items, resourceVersion } = api.list(type, namespace);
    const selected = items.filter(matcherOf(query));
    if (wantsTable(request))
      return sendJson(
        response,
        200,
        toTable(type.kind, selected, resourceVersion, includeObjectOf(query), options.now()),
      );
    return sendJson(response, 200, listOf(type, selected, resourceVersion));
  }
  if (verb === 'get') {
    const object = api.get(type, namespace, name!);
    if (wantsTable(request))
      return sendJson(
        response,
        200,
        toTable(
          type.kind,
          [object],
          String((object.metadata as JsonObject).resourceVersion),
          includeObjectOf(query),
          options.now(),
        ),
      );
    return sendJson(response, 200, object);
  }

  const write = writeOptionsOf(request, query);
  const contentType = (request.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
  const raw = await readBody(request);
  if (verb === 'create') {
    const created = api.create(type, namespace, parseObjectBody(raw, contentType), write);
    return sendJson(response, 201, created);
  }
  if (verb === 'update') {
    return sendJson(
      response,
      200,
      api.replace(type, namespace, name!, parseObjectBody(raw, contentType), write),
    );
  }
  if (verb === 'patch') {
    // An apply that creates the object answers 201 Created, like the real API server.
    const existed = api.has(type, namespace, name!);
    const patched = api.patch(type, namespace, name!, contentType, raw.toString('utf8'), write);
    return sendJson(response, existed ? 200 : 201, patched);
  }
  if (verb === 'delete') {
    const deleteOptions =
      raw.length > 0 && contentType !== PROTOBUF ? parseObjectBody(raw, contentType) : {};
    const preconditions = isJsonObject(deleteOptions.preconditions)
      ? deleteOptions.preconditions
      : {};
    const removed = api.delete(
      type,
      namespace,
      name!,
      {
        uid: typeof preconditions.uid === 'string' ? preconditions.uid : undefined,
        resourceVersion:
          typeof preconditions.resourceVersion === 'string'
            ? preconditions.resourceVersion
            : undefined,
      },
      query.get('dryRun') === 'All' || deleteOptions.dryRun !== undefined,
    );
    // Like the real registry: Services and Namespaces answer with the object, the rest with a Status.
    if (type.kind === 'Service' || type.kind === 'Namespace')
      return sendJson(response, 200, removed);
    const metadata = removed.metadata as JsonObject;
    return sendJson(response, 200, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: metadata.name, group: type.group, kind: type.plural, uid: metadata.uid },
    });
  }
  throw methodNotAllowed(type, verb);
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: KubeHttpOptions,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
    return;
  }
  const caller = authenticate(request, options);
  const method = request.method ?? 'GET';
  const discovery = (body: unknown) => {
    if (!body) throw pathNotFound(path);
    if (method !== 'GET')
      throw new KubeApiError(405, 'MethodNotAllowed', `${method} is not allowed on ${path}`);
    sendJson(response, 200, body);
  };
  if (path === '/version') return discovery(SANDBOX_KUBERNETES_VERSION);
  if (path === '/api') return discovery(apiVersions(request.headers.host ?? '127.0.0.1'));
  if (path === '/apis') return discovery(apiGroupList());
  if (path === '/openapi/v3') return discovery(openApiV3Index());
  const openApi = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (openApi) return discovery(openApiV3Document(openApi[2] ?? '', openApi[1] ?? openApi[3]!));
  // No OpenAPI v2: kubectl needs it only for client-side apply and explain.
  if (path.startsWith('/openapi/')) throw pathNotFound(path);

  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments[1])
    [group, version, rest] = ['', segments[1], segments.slice(2)];
  else if (segments[0] === 'apis' && segments[1] && segments[2])
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  else if (segments[0] === 'apis' && segments[1]) return discovery(apiGroupDocument(segments[1]));
  else throw pathNotFound(path);

  if (rest.length === 0) return discovery(apiResourceList(group, version));
  const resource = resourceRoute(group, version, rest);
  if (!resource) throw pathNotFound(path);
  await handleResource(resource, caller, request, response, url.searchParams, options);
}

export function createKubeHttpHandler(options: KubeHttpOptions) {
  return (request: IncomingMessage, response: ServerResponse) => {
    route(request, response, options).catch((error: unknown) => {
      const failure =
        error instanceof KubeApiError
          ? error
          : new KubeApiError(
              500,
              'InternalError',
              'an internal error occurred in the sandbox API server',
            );
      if (!(error instanceof KubeApiError)) console.error('sandbox kube API:', error);
      if (response.headersSent) response.end();
      else sendJson(response, failure.code, failure.toStatus());
    });
  };
}
