// The IAM endpoint (AWS_ENDPOINT_URL_IAM): authenticates the SigV4 caller, authorizes
// `iam:<Action>` against the caller's policies, and runs the operation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AwsQueryError,
  asAwsQueryError,
  authenticateQueryRequest,
  readQueryParameters,
  sendQueryError,
  sendQueryResult,
} from '../aws/query-protocol';
import { IAM_ACTIONS } from './iam-actions';
import type { IamState } from './iam-state';

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const IAM_API_VERSION = '2010-05-08';

async function handleIamRequest(iam: IamState, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST' && req.method !== 'GET') {
    throw new AwsQueryError('InvalidAction', 400, `Method ${req.method} is not supported.`);
  }
  const params = await readQueryParameters(req);
  const caller = authenticateQueryRequest(req, iam);
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
  sendQueryResult(res, IAM_NAMESPACE, actionName, action.run(context));
}

export function createIamHttpHandler(
  iam: IamState,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handleIamRequest(iam, req, res).catch((error: unknown) => {
      sendQueryError(res, IAM_NAMESPACE, asAwsQueryError(error));
    });
  };
}
