// The STS endpoint (AWS_ENDPOINT_URL_STS): GetCallerIdentity, which is how the app proves that a
// freshly created access key is accepted before handing it to a cluster.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsIdentity } from '../aws/identity';
import {
  AwsQueryError,
  asAwsQueryError,
  authenticateQueryRequest,
  readQueryParameters,
  sendQueryError,
  sendQueryResult,
  xmlElement,
} from '../aws/query-protocol';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const STS_API_VERSION = '2011-06-15';

async function handleStsRequest(identity: AwsIdentity, req: IncomingMessage, res: ServerResponse) {
  const params = await readQueryParameters(req);
  const caller = authenticateQueryRequest(req, identity);
  const action = params.get('Action');
  if (action !== 'GetCallerIdentity' || params.get('Version') !== STS_API_VERSION) {
    throw new AwsQueryError(
      'InvalidAction',
      400,
      `Could not find operation ${action ?? ''} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
    );
  }
  // GetCallerIdentity needs no permission: AWS answers it even when every action is denied.
  sendQueryResult(
    res,
    STS_NAMESPACE,
    action,
    xmlElement('Arn', caller.arn) +
      xmlElement('UserId', caller.userId) +
      xmlElement('Account', caller.accountId),
  );
}

export function createStsHttpHandler(
  identity: AwsIdentity,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handleStsRequest(identity, req, res).catch((error: unknown) => {
      sendQueryError(res, STS_NAMESPACE, asAwsQueryError(error));
    });
  };
}
