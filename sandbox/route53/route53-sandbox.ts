// Assembles the Route 53 stand-in: state, throttling, faults, call stats and its HTTP handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsIdentity } from '../aws/identity';
import { CallStats } from '../throttle/call-stats';
import { CONTROL_PATH_PREFIX, serveControlRequest } from '../throttle/control-http';
import { FaultInjector, type OperationFaults } from '../throttle/fault-injection';
import {
  defaultThrottlingConfig,
  RequestThrottle,
  type ThrottlingConfigPatch,
} from '../throttle/route53-throttling';
import { serveRoute53Request } from './route53-router';
import { ZoneStore } from './zone-store';

export interface Route53SandboxOptions {
  identity: AwsIdentity;
  now?: () => number;
  /** How long changes report PENDING before INSYNC (default 2 s). */
  pendingMs?: number;
  maxHostedZones?: number;
  throttling?: ThrottlingConfigPatch;
  faults?: Record<string, OperationFaults>;
  random?: () => number;
  onMutation?: () => void;
}

export function createRoute53Sandbox(options: Route53SandboxOptions) {
  const now = options.now ?? Date.now;
  const store = new ZoneStore({
    now,
    pendingMs: options.pendingMs ?? 2_000,
    maxHostedZones: options.maxHostedZones ?? 500,
    onMutation: options.onMutation,
  });
  const throttle = new RequestThrottle(defaultThrottlingConfig(), now);
  if (options.throttling) throttle.configure(options.throttling);
  const faults = new FaultInjector(options.random);
  for (const [operation, operationFaults] of Object.entries(options.faults ?? {})) {
    faults.set(operation, operationFaults);
  }
  const stats = new CallStats();
  const controls = {
    stats,
    faults,
    throttle,
    propagation: {
      get: () => store.options.pendingMs,
      set: (pendingMs: number) => {
        store.options.pendingMs = pendingMs;
      },
    },
  };
  const deps = { store, identity: options.identity, throttle, faults, stats };

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const serving = request.url?.startsWith(CONTROL_PATH_PREFIX)
      ? serveControlRequest(controls, request, response)
      : serveRoute53Request(deps, request, response);
    serving.catch((error: unknown) => {
      console.error('route53 sandbox: unexpected error', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('InternalFailure');
    });
  };
  return { store, throttle, faults, stats, handler };
}

export type Route53Sandbox = ReturnType<typeof createRoute53Sandbox>;
