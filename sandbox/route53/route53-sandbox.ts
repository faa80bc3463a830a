// Assembles the Route 53 stand-in: state, throttling and its HTTP handler, which injects the
// faults and counts the calls of the service controls it is given (startSandbox owns those).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsIdentity } from '../aws/identity';
import {
  defaultThrottlingConfig,
  RequestThrottle,
  type ThrottlingConfigPatch,
} from '../throttle/route53-throttling';
import type { ServiceControls } from '../throttle/service-controls';
import { serveRoute53Request } from './route53-router';
import { ZoneStore } from './zone-store';

export interface Route53SandboxOptions {
  identity: AwsIdentity;
  now?: () => number;
  /** How long changes report PENDING before INSYNC (default 2 s). */
  pendingMs?: number;
  maxHostedZones?: number;
  throttling?: ThrottlingConfigPatch;
  controls: ServiceControls;
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
  const { controls } = options;
  const propagation = {
    get: () => store.options.pendingMs,
    set: (pendingMs: number) => {
      store.options.pendingMs = pendingMs;
    },
  };
  const deps = { store, identity: options.identity, throttle, controls };

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    serveRoute53Request(deps, request, response).catch((error: unknown) => {
      console.error('route53 sandbox: unexpected error', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('InternalFailure');
    });
  };
  return { store, throttle, propagation, handler };
}

export type Route53Sandbox = ReturnType<typeof createRoute53Sandbox>;
