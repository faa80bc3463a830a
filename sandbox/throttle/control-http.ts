// The sandbox's control endpoints, served on the Route 53 port, so a test or benchmark in another
// process can steer faults and throttling and read call counts. `service` picks the stand-in:
// route53 (the default), iam or sts, as a query parameter or a field of the POST /_sandbox/faults
// body; operations are named as in the service's API (CreateHostedZone, CreateUser, ...).
//   GET    /_sandbox/stats?service=          one service's per-operation counts, process memory
//          &accessKeyId=                    only the calls signed with that key
//   POST   /_sandbox/stats/reset?service=    one service's counts; every service's without service
//   GET    /_sandbox/faults?service=         one service's current faults
//   POST   /_sandbox/faults {service?, operation?, ...OperationFaults}   no operation: all of them
//   DELETE /_sandbox/faults?service=         one service's faults; every service's without service
//   GET    /_sandbox/throttling              Route 53's limits
//   POST   /_sandbox/throttling              ThrottlingConfigPatch
//   GET    /_sandbox/propagation             {pendingMs}
//   POST   /_sandbox/propagation             {pendingMs}
// The two resets default to every service so that a test's cleanup need not know what it touched.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { readRequestBody } from '../http/listen';
import {
  ALL_OPERATIONS,
  FAULT_KINDS,
  type FaultKind,
  type OperationFaults,
} from './fault-injection';
import type { RequestThrottle, ThrottlingConfigPatch } from './route53-throttling';
import { SANDBOX_SERVICES, type SandboxService, type ServiceControls } from './service-controls';

export const CONTROL_PATH_PREFIX = '/_sandbox/';

export interface SandboxControls {
  services: Record<SandboxService, ServiceControls>;
  throttle: RequestThrottle;
  propagation: { get(): number; set(pendingMs: number): void };
}

class BadControlRequest extends Error {}

/** Serves /_sandbox/ requests itself and passes every other request to `handler`. */
export function withControlEndpoints(
  handler: RequestListener,
  controls: SandboxControls,
): RequestListener {
  return (request, response) => {
    if (!request.url?.startsWith(CONTROL_PATH_PREFIX)) {
      handler(request, response);
      return;
    }
    serveControlRequest(controls, request, response).catch((error: unknown) => {
      console.error('sandbox control: unexpected error', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('InternalFailure');
    });
  };
}

async function serveControlRequest(
  controls: SandboxControls,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox');
  const route = `${request.method} ${url.pathname.replace(/\/$/, '')}`;
  try {
    const result = await dispatch(controls, route, url.searchParams.get('service'), request);
    if (result === undefined)
      return sendJson(response, 404, { error: `No control endpoint ${route}` });
    sendJson(response, 200, result);
  } catch (error) {
    if (!(error instanceof BadControlRequest)) throw error;
    sendJson(response, 400, { error: error.message });
  }
}

async function dispatch(
  controls: SandboxControls,
  route: string,
  serviceParam: string | null,
  request: IncomingMessage,
) {
  const selected = (name: unknown = serviceParam) => controls.services[serviceNamed(name)];
  const resetTargets = () =>
    serviceParam === null ? Object.values(controls.services) : [selected()];
  switch (route) {
    case 'GET /_sandbox/stats': {
      // Memory of the sandbox process, for benchmarks that measure it from outside.
      const { rss, heapUsed, heapTotal } = process.memoryUsage();
      const memory = { rssBytes: rss, heapUsedBytes: heapUsed, heapTotalBytes: heapTotal };
      const accessKeyId = new URL(request.url ?? '/', 'http://sandbox').searchParams.get(
        'accessKeyId',
      );
      const stats = selected().stats;
      return {
        ...(accessKeyId === null ? stats.snapshot() : stats.forAccessKey(accessKeyId)),
        memory,
      };
    }
    case 'POST /_sandbox/stats/reset':
      for (const service of resetTargets()) service.stats.reset();
      return selected().stats.snapshot();
    case 'GET /_sandbox/faults':
      return selected().faults.snapshot();
    case 'POST /_sandbox/faults': {
      const { service, operation, ...faults } = await readJson<Record<string, unknown>>(request);
      if (operation !== undefined && typeof operation !== 'string')
        throw new BadControlRequest('operation must be a string');
      const target = selected(service ?? serviceParam);
      target.faults.set(operation ?? ALL_OPERATIONS, validateFaults(faults));
      return target.faults.snapshot();
    }
    case 'DELETE /_sandbox/faults':
      for (const service of resetTargets()) service.faults.clear();
      return selected().faults.snapshot();
    case 'GET /_sandbox/throttling':
      return controls.throttle.currentConfig;
    case 'POST /_sandbox/throttling':
      return controls.throttle.configure(await readJson<ThrottlingConfigPatch>(request));
    case 'GET /_sandbox/propagation':
      return { pendingMs: controls.propagation.get() };
    case 'POST /_sandbox/propagation': {
      const { pendingMs } = await readJson<{ pendingMs?: unknown }>(request);
      if (typeof pendingMs !== 'number' || pendingMs < 0)
        throw new BadControlRequest('pendingMs must be a number >= 0');
      controls.propagation.set(pendingMs);
      return { pendingMs };
    }
    default:
      return undefined;
  }
}

function serviceNamed(name: unknown): SandboxService {
  if (name === null || name === undefined) return 'route53';
  if (!SANDBOX_SERVICES.includes(name as SandboxService)) {
    throw new BadControlRequest(`service must be one of ${SANDBOX_SERVICES.join(', ')}`);
  }
  return name as SandboxService;
}

const FAULT_FIELDS = new Set(['errorRate', 'errorKind', 'latencyMs', 'failNext', 'failNextKind']);

function validateFaults(faults: Record<string, unknown>): OperationFaults {
  // A misspelt field would otherwise be stored and silently inject nothing.
  const unknown = Object.keys(faults).filter((field) => !FAULT_FIELDS.has(field));
  if (unknown.length > 0) {
    throw new BadControlRequest(
      `unknown fault field ${unknown.join(', ')}; expected service, operation, ${[...FAULT_FIELDS].join(', ')}`,
    );
  }
  for (const kind of [faults.errorKind, faults.failNextKind]) {
    if (kind !== undefined && !FAULT_KINDS.includes(kind as FaultKind)) {
      throw new BadControlRequest(`fault kind must be one of ${FAULT_KINDS.join(', ')}`);
    }
  }
  const { errorRate } = faults;
  if (
    errorRate !== undefined &&
    !(typeof errorRate === 'number' && errorRate >= 0 && errorRate <= 1)
  ) {
    throw new BadControlRequest('errorRate must be between 0 and 1');
  }
  return faults as OperationFaults;
}

async function readJson<T>(request: IncomingMessage): Promise<T> {
  const body = await readRequestBody(request);
  try {
    const value: unknown = body ? JSON.parse(body) : {};
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    return value as T;
  } catch {
    throw new BadControlRequest('body must be a JSON object');
  }
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}
