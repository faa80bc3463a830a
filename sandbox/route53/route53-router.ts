// Serves one Route 53 HTTP request: who is calling, throttling, injected faults, then the operation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessKeyIdFromAuthorization } from '../aws/sigv4';
import type { AwsIdentity, Caller } from '../aws/identity';
import { readRequestBody } from '../http/listen';
import type { CallOutcome } from '../throttle/call-stats';
import type { FaultKind } from '../throttle/fault-injection';
import type { RequestThrottle, ZoneChange } from '../throttle/route53-throttling';
import type { ServiceControls } from '../throttle/service-controls';
import type { OperationResult } from './operation-context';
import { errorResponseXml, newRequestId, Route53Error, route53Errors } from './route53-errors';
import { matchRoute } from './route53-routes';
import type { ZoneStore } from './zone-store';

export interface Route53RouterDeps {
  store: ZoneStore;
  identity: AwsIdentity;
  throttle: RequestThrottle;
  controls: ServiceControls;
}

const FAULT_ERRORS: Record<Exclude<FaultKind, 'DropConnection'>, () => Route53Error> = {
  Throttling: route53Errors.throttling,
  InternalFailure: route53Errors.internalFailure,
};

export async function serveRoute53Request(
  deps: Route53RouterDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  // Split by hand: WHATWG URL parsing is a measurable share of a read's cost.
  const rawUrl = request.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const pathname = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1));
  const route = matchRoute(request.method ?? 'GET', pathname);
  const operation = route?.operation ?? 'Unknown';
  let outcome: CallOutcome = 'ok';
  let zoneChange: ZoneChange | undefined;
  let accessKeyId: string | undefined;
  try {
    if (!route) throw route53Errors.invalidInput(`Unknown operation ${request.method} ${pathname}`);
    const caller = authenticate(deps.identity, request.headers.authorization);
    accessKeyId = caller.accessKeyId;
    // Throttle first: AWS takes a token for every request, whatever its answer, so an injected
    // fault costs one like any other failed call.
    if (!deps.throttle.admit(caller.accountId, operation)) {
      outcome = 'throttled';
      throw route53Errors.throttling();
    }
    const failure = await deps.controls.faults.inject(operation);
    if (failure === 'DropConnection') {
      outcome = 'injectedFault';
      request.socket.destroy();
      return;
    }
    if (failure) {
      outcome = 'injectedFault';
      throw FAULT_ERRORS[failure]();
    }
    const body = request.method === 'POST' ? await readRequestBody(request) : '';
    const result = route.handler({
      store: deps.store,
      pathParams: route.pathParams,
      query,
      body,
      authorize: (resourceArn) => authorize(deps.identity, caller, operation, resourceArn),
      beginZoneChange: (zoneId) => {
        zoneChange = deps.throttle.beginZoneChange(zoneId);
        if (zoneChange) return;
        outcome = 'priorRequestNotComplete';
        throw route53Errors.priorRequestNotComplete();
      },
    });
    // The change is processed before it is answered: a change to the same zone arriving meanwhile
    // is refused, one sent after the answer never is (the zone is free before the answer leaves).
    if (zoneChange && zoneChange.processingMs > 0) await sleep(zoneChange.processingMs);
    zoneChange?.finish();
    send(response, result, requestId);
  } catch (error) {
    if (!(error instanceof Route53Error)) throw error;
    if (outcome === 'ok') outcome = 'error';
    send(response, { status: error.status, body: errorResponseXml(error, requestId) }, requestId);
  } finally {
    zoneChange?.finish();
    deps.controls.stats.record(operation, outcome, accessKeyId);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function authenticate(identity: AwsIdentity, authorization: string | undefined): Caller {
  if (!authorization) throw route53Errors.missingAuthenticationToken();
  const accessKeyId = accessKeyIdFromAuthorization(authorization);
  if (!accessKeyId) throw route53Errors.incompleteSignature();
  const caller = identity.resolveCaller(accessKeyId);
  if (!caller) throw route53Errors.invalidClientTokenId();
  return caller;
}

function authorize(identity: AwsIdentity, caller: Caller, operation: string, resourceArn: string) {
  const action = `route53:${operation}`;
  if (!identity.isAllowed(caller, action, resourceArn)) {
    throw route53Errors.accessDenied(caller.arn, action, resourceArn);
  }
}

function send(response: ServerResponse, result: OperationResult, requestId: string): void {
  response.writeHead(result.status, {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
    ...result.headers,
  });
  response.end(result.body);
}
