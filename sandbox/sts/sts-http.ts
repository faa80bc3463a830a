// The STS endpoint (AWS_ENDPOINT_URL_STS): GetCallerIdentity, which is how the app proves that a
// freshly created access key is accepted before handing it to a cluster. Injected faults answer
// with STS's common errors (InternalFailure, Throttling).
import type { RequestListener } from 'node:http';
import type { AwsIdentity } from '../aws/identity';
import { AwsQueryError, throttlingError, xmlElement } from '../aws/query-protocol';
import { createQueryServiceHandler, type QueryRequest } from '../aws/query-service';
import { createServiceControls, type ServiceControls } from '../throttle/service-controls';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const STS_API_VERSION = '2011-06-15';

function runStsAction({ params, caller }: QueryRequest): string {
  const action = params.get('Action');
  if (action !== 'GetCallerIdentity' || params.get('Version') !== STS_API_VERSION) {
    throw new AwsQueryError(
      'InvalidAction',
      400,
      `Could not find operation ${action ?? ''} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
    );
  }
  // GetCallerIdentity needs no permission: AWS answers it even when every action is denied.
  return (
    xmlElement('Arn', caller.arn) +
    xmlElement('UserId', caller.userId) +
    xmlElement('Account', caller.accountId)
  );
}

export function createStsHttpHandler(
  identity: AwsIdentity,
  controls: ServiceControls = createServiceControls(),
): RequestListener {
  return createQueryServiceHandler(
    {
      namespace: STS_NAMESPACE,
      identity,
      faultErrors: {
        Throttling: throttlingError,
        InternalFailure: () =>
          new AwsQueryError(
            'InternalFailure',
            500,
            'The request processing has failed because of an unknown error, exception or failure.',
            'Receiver',
          ),
      },
      runAction: runStsAction,
    },
    controls,
  );
}
