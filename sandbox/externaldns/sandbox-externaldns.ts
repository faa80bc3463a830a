// A sandbox ExternalDNS for each sandbox cluster, each idle until its cluster holds the
// ExternalDNS Deployment, then syncing against the sandbox Route 53 like any other caller.
import type { SandboxCluster } from '../kube/sandbox-cluster';
import { startExternalDnsController, type ExternalDnsController } from './externaldns-controller';

export interface SandboxExternalDnsOptions {
  clusters: Readonly<Record<string, SandboxCluster>>;
  route53Endpoint: string;
  region: string;
  /** Time between syncs (ExternalDNS's --interval is 1 minute; the sandbox default is 5 s). */
  intervalMs?: number;
  now?: () => number;
}

export const DEFAULT_EXTERNAL_DNS_INTERVAL_MS = 5_000;

/** Below this, every cluster's syncs would spend the account's Route 53 budget on listings. */
const MIN_INTERVAL_MS = 50;

export function startSandboxExternalDns(options: SandboxExternalDnsOptions) {
  const intervalMs = options.intervalMs ?? DEFAULT_EXTERNAL_DNS_INTERVAL_MS;
  if (!Number.isFinite(intervalMs) || intervalMs < MIN_INTERVAL_MS)
    throw new Error(
      `the sandbox ExternalDNS interval must be at least ${MIN_INTERVAL_MS} ms (got ${intervalMs})`,
    );
  const controllers: Record<string, ExternalDnsController> = {};
  for (const cluster of Object.values(options.clusters))
    controllers[cluster.name] = startExternalDnsController({
      clusterName: cluster.name,
      store: cluster.store,
      route53Endpoint: options.route53Endpoint,
      region: options.region,
      intervalMs,
      now: options.now ?? Date.now,
    });
  return {
    controllers,
    close: async () => {
      await Promise.all(Object.values(controllers).map((controller) => controller.close()));
    },
  };
}
