// The process's AWS SDK clients. Endpoints and credentials come from the SDK's standard
// variables (AWS_ENDPOINT_URL_*, the default credential chain); our own retry loop replaces the
// SDK's, so every attempt passes through the shared Route 53 budget.
import 'server-only';
import { IAMClient } from '@aws-sdk/client-iam';
import { Route53Client } from '@aws-sdk/client-route-53';
import { STSClient } from '@aws-sdk/client-sts';
import { getConfig } from '../config/config';
import { RequestBudget } from './request-budget';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

function clientOptions(credentials?: AwsCredentials) {
  const config = getConfig();
  // On Node 20 every SDK client warns that SDK releases after January 2027 need Node 22. The SDK
  // versions here are pinned and Node 20 is supported, so the operator can do nothing about it;
  // this is the switch the SDK documents for that case (aws/aws-sdk-js-v3#7983). A value the
  // operator set is kept.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return {
    region: config.AWS_REGION,
    maxAttempts: 1,
    requestHandler: { requestTimeout: config.ZK_AWS_TIMEOUT_MS, connectionTimeout: 3_000 },
    ...(credentials && { credentials }),
  };
}

const holder = globalThis as unknown as {
  zonekeeperAws?: { route53: Route53Client; iam: IAMClient; sts: STSClient; budget: RequestBudget };
};

export function awsClients() {
  if (!holder.zonekeeperAws) {
    const config = getConfig();
    holder.zonekeeperAws = {
      route53: new Route53Client(clientOptions()),
      iam: new IAMClient(clientOptions()),
      sts: new STSClient(clientOptions()),
      budget: new RequestBudget(
        {
          capacity: config.ZK_ROUTE53_BURST,
          refillPerSecond: config.ZK_ROUTE53_REQUESTS_PER_SECOND,
        },
        {
          // AWS: CreateHostedZone 40 / 2 per second; stay a little under its refill.
          CreateHostedZone: {
            capacity: Math.min(40, config.ZK_ROUTE53_BURST),
            refillPerSecond: config.ZK_ROUTE53_CREATE_ZONE_PER_SECOND,
          },
          DeleteHostedZone: {
            capacity: Math.min(40, config.ZK_ROUTE53_BURST),
            refillPerSecond: 4.5,
          },
        },
      ),
    };
  }
  return holder.zonekeeperAws;
}

/** An STS client that signs with an organization's key, to prove the key works. */
export function stsClientFor(credentials: AwsCredentials): STSClient {
  return new STSClient(clientOptions(credentials));
}
