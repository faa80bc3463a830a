// Where the Route 53 conformance suite points: an external endpoint (CONFORMANCE_ROUTE53_ENDPOINT
// with CONFORMANCE_ACCESS_KEY_ID / CONFORMANCE_SECRET_ACCESS_KEY), or a sandbox started in-process.
import { Route53Client, type Route53ClientConfig } from '@aws-sdk/client-route-53';
import { startSandbox, type Sandbox, type SandboxOptions } from '@/sandbox/start-sandbox';

export interface ConformanceTarget {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Present only for an in-process sandbox: tests that steer faults or the clock need it. */
  sandbox?: Sandbox;
  route53(options?: Partial<Route53ClientConfig>): Route53Client;
  close(): Promise<void>;
}

export const isExternalTarget = Boolean(process.env.CONFORMANCE_ROUTE53_ENDPOINT);

/**
 * Conformance tests create and change zones at a pace AWS's token buckets would refuse, so the
 * in-process sandbox runs without them unless a test turns them on. PriorRequestNotComplete stays
 * as the sandbox ships it: a one-attempt client changing a zone request after request must pass.
 */
export async function startConformanceTarget(
  options: SandboxOptions = {},
): Promise<ConformanceTarget> {
  return startTarget({
    keyActivationDelayMs: 0,
    pendingMs: 200,
    ...options,
    throttling: { enabled: false, ...options.throttling },
  });
}

/** The sandbox exactly as `npm start` and `npm run sandbox` run it: every limit at its default. */
export async function startDefaultConformanceTarget(): Promise<ConformanceTarget> {
  return startTarget({});
}

async function startTarget(sandboxOptions: SandboxOptions): Promise<ConformanceTarget> {
  const external = process.env.CONFORMANCE_ROUTE53_ENDPOINT;
  if (external) {
    const accessKeyId = process.env.CONFORMANCE_ACCESS_KEY_ID;
    const secretAccessKey = process.env.CONFORMANCE_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new Error(
        'CONFORMANCE_ROUTE53_ENDPOINT needs CONFORMANCE_ACCESS_KEY_ID and CONFORMANCE_SECRET_ACCESS_KEY',
      );
    }
    return targetFor(external, { accessKeyId, secretAccessKey }, undefined);
  }
  const sandbox = await startSandbox(sandboxOptions);
  return targetFor(
    sandbox.endpoints.route53,
    {
      accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
    },
    sandbox,
  );
}

function targetFor(
  endpoint: string,
  credentials: ConformanceTarget['credentials'],
  sandbox: Sandbox | undefined,
): ConformanceTarget {
  const clients: Route53Client[] = [];
  return {
    endpoint,
    credentials,
    sandbox,
    route53: (options = {}) => {
      // One attempt unless a test asks for retries: conformance tests observe each answer.
      const client = new Route53Client({
        endpoint,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
        ...options,
      });
      clients.push(client);
      return client;
    },
    close: async () => {
      for (const client of clients) client.destroy();
      await sandbox?.close();
    },
  };
}

let uniqueCounter = 0;
/** Zone names and caller references that never collide across runs against a shared target. */
export function uniqueName(prefix: string): string {
  uniqueCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${uniqueCounter}-${Math.random().toString(36).slice(2, 8)}`;
}
