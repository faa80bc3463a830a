// The sandbox's control endpoints, so a test or benchmark in another process can steer faults and
// throttling and read call counts:
//   GET  /_sandbox/stats              per-operation counts, memory    POST /_sandbox/stats/reset
//   GET  /_sandbox/faults             current faults           POST /_sandbox/faults {operation?, ...OperationFaults}
//   DELETE /_sandbox/faults           clear all faults
//   GET  /_sandbox/throttling         current limits           POST /_sandbox/throttling ThrottlingConfigPatch
//   GET  /_sandbox/propagation        {pendingMs}              POST /_sandbox/propagation {pendingMs}
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody } from '../http/listen';
import type { CallStats } from './call-stats';
import {
  ALL_OPERATIONS,
  FAULT_KINDS,
  type FaultInjector,
  type OperationFaults,
} from './fault-injection';
import type { RequestThrottle, ThrottlingConfigPatch } from './route53-throttling';

export const CONTROL_PATH_PREFIX = '/_sandbox/';

export interface SandboxControls {
  stats: CallStats;
  faults: FaultInjector;
  throttle: RequestThrottle;
  propagation: { get(): number; set(pendingMs: number): void };
}

class BadControlRequest extends Error {}

export async function serveControlRequest(
  controls: SandboxControls,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
  const route = `${request.method} ${path.replace(/\/$/, '')}`;
  try {
    const result = await dispatch(controls, route, request);
    if (result === undefined)
      return sendJson(response, 404, { error: `No control endpoint ${route}` });
    sendJson(response, 200, result);
  } catch (error) {
    if (!(error instanceof BadControlRequest)) throw error;
    sendJson(response, 400, { error: error.message });
  }
}

async function dispatch(controls: SandboxControls, route: string, request: IncomingMessage) {
  switch (route) {
    case 'GET /_sandbox/stats': {
      // Memory of the sandbox process, for benchmarks that measure it from outside.
      const { rss, heapUsed, heapTotal } = process.memoryUsage();
      const memory = { rssBytes: rss, heapUsedBytes: heapUsed, heapTotalBytes: heapTotal };
      return { ...controls.stats.snapshot(), memory };
    }
    case 'POST /_sandbox/stats/reset':
      controls.stats.reset();
      return controls.stats.snapshot();
    case 'GET /_sandbox/faults':
      return controls.faults.snapshot();
    case 'POST /_sandbox/faults': {
      const { operation, ...faults } = await readJson<OperationFaults & { operation?: string }>(
        request,
      );
      controls.faults.set(operation ?? ALL_OPERATIONS, validateFaults(faults));
      return controls.faults.snapshot();
    }
    case 'DELETE /_sandbox/faults':
      controls.faults.clear();
      return controls.faults.snapshot();
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

function validateFaults(faults: OperationFaults): OperationFaults {
  for (const kind of [faults.errorKind, faults.failNextKind]) {
    if (kind !== undefined && !FAULT_KINDS.includes(kind)) {
      throw new BadControlRequest(`fault kind must be one of ${FAULT_KINDS.join(', ')}`);
    }
  }
  if (faults.errorRate !== undefined && !(faults.errorRate >= 0 && faults.errorRate <= 1)) {
    throw new BadControlRequest('errorRate must be between 0 and 1');
  }
  return faults;
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
