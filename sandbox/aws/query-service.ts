// The one path every Query-protocol stand-in (IAM, STS) serves a request through: parameters,
// caller, injected faults answered in the service's own error codes, the action, call stats.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CallOutcome } from '../throttle/call-stats';
import type { FaultKind } from '../throttle/fault-injection';
import type { ServiceControls } from '../throttle/service-controls';
import type { AwsIdentity, Caller } from './identity';
import {
  AwsQueryError,
  asAwsQueryError,
  authenticateQueryRequest,
  readQueryParameters,
  sendQueryError,
  sendQueryResult,
} from './query-protocol';

export interface QueryRequest {
  params: URLSearchParams;
  caller: Caller;
}

export interface QueryService {
  namespace: string;
  identity: AwsIdentity;
  /** The service's own answer to an injected fault of each kind that gets an answer. */
  faultErrors: Record<Exclude<FaultKind, 'DropConnection'>, () => AwsQueryError>;
  /** Checks the request's Action and runs it: the result XML, or throws an AwsQueryError. */
  runAction(request: QueryRequest): string;
}

export function createQueryServiceHandler(
  service: QueryService,
  controls: ServiceControls,
): RequestListener {
  return (req, res) => {
    void serveQueryRequest(service, controls, req, res);
  };
}

async function serveQueryRequest(
  service: QueryService,
  controls: ServiceControls,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let operation = 'Unknown';
  let outcome: CallOutcome = 'ok';
  try {
    if (req.method !== 'POST' && req.method !== 'GET') {
      throw new AwsQueryError('InvalidAction', 400, `Method ${req.method} is not supported.`);
    }
    const params = await readQueryParameters(req);
    operation = params.get('Action') || 'Unknown';
    const caller = authenticateQueryRequest(req, service.identity);
    const failure = await controls.faults.inject(operation);
    if (failure === 'DropConnection') {
      outcome = 'injectedFault';
      req.socket.destroy();
      return;
    }
    if (failure) {
      outcome = 'injectedFault';
      throw service.faultErrors[failure]();
    }
    sendQueryResult(res, service.namespace, operation, service.runAction({ params, caller }));
  } catch (error) {
    if (outcome === 'ok') outcome = 'error';
    sendQueryError(res, service.namespace, asAwsQueryError(error));
  } finally {
    controls.stats.record(operation, outcome);
  }
}
