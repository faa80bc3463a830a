// The IAM endpoint (AWS_ENDPOINT_URL_IAM): authorizes `iam:<Action>` against the SigV4 caller's
// policies and runs the operation; injected faults answer as IAM does (ServiceFailure, Throttling).
import type { RequestListener } from 'node:http';
import { AwsQueryError, throttlingError } from '../aws/query-protocol';
import { createQueryServiceHandler, type QueryRequest } from '../aws/query-service';
import { createServiceControls, type ServiceControls } from '../throttle/service-controls';
import { IAM_ACTIONS } from './iam-actions';
import type { IamState } from './iam-state';

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const IAM_API_VERSION = '2010-05-08';

function runIamAction(iam: IamState, { params, caller }: QueryRequest): string {
  const actionName = params.get('Action');
  if (!actionName) {
    throw new AwsQueryError(
      'MissingAction',
      400,
      'The request is missing an action or a required parameter.',
    );
  }
  const action = Object.hasOwn(IAM_ACTIONS, actionName) ? IAM_ACTIONS[actionName] : undefined;
  if (!action || params.get('Version') !== IAM_API_VERSION) {
    throw new AwsQueryError(
      'InvalidAction',
      400,
      `Could not find operation ${actionName} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
    );
  }
  const context = { iam, caller, params };
  const resource = action.resource(context);
  if (!iam.isAllowed(caller, `iam:${actionName}`, resource)) {
    throw new AwsQueryError(
      'AccessDenied',
      403,
      `User: ${caller.arn} is not authorized to perform: iam:${actionName} on resource: ${resource} because no identity-based policy allows the iam:${actionName} action`,
    );
  }
  return action.run(context);
}

export function createIamHttpHandler(
  iam: IamState,
  controls: ServiceControls = createServiceControls(),
): RequestListener {
  return createQueryServiceHandler(
    {
      namespace: IAM_NAMESPACE,
      identity: iam,
      faultErrors: {
        Throttling: throttlingError,
        // IAM documents ServiceFailure (500) for its internal errors, not InternalFailure.
        InternalFailure: () =>
          new AwsQueryError(
            'ServiceFailure',
            500,
            'The request processing has failed because of an unknown error, exception or failure.',
            'Receiver',
          ),
      },
      runAction: (request) => runIamAction(iam, request),
    },
    controls,
  );
}
