// `npm run sandbox`: starts the local AWS + Vault stand-ins and the sandbox Kubernetes clusters,
// and prints the environment to use.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeConnectionFile } from './connection-file';
import { startSandbox } from './start-sandbox';

const USAGE = `Usage: npm run sandbox -- [options]
  --route53-port <n>   default 4510      --iam-port <n>     default 4511
  --sts-port <n>       default 4512      --vault-port <n>   default 4513
  --base-domain <d>    default $ZK_BASE_DOMAIN or zonekeeper.test
  --persist-dir <dir>  default ./data/sandbox    --no-persist  keep state in memory only
  --pending-ms <n>     how long changes stay PENDING (default 2000)
  --key-activation-delay-ms <n>  how long new IAM keys are refused (default 2000)
  --no-throttling      turn Route 53 token buckets and PriorRequestNotComplete off
  --kube-clusters <a,b>  sandbox Kubernetes clusters (default acme-prod,acme-staging,globex-prod;
                         "" for none); each prints KUBECONFIG_<NAME>=<its kubeconfig file>
  --kube-port <n>      port of the first cluster, the next ones count up (default 4520)
  --controller-delay-ms <n>  how long a rollout or a namespace's removal takes (default 1500)
  --external-dns-interval-ms <n>  time between the sandbox ExternalDNS's syncs (default 5000)
  --no-external-dns    run no sandbox ExternalDNS in the clusters`;

const DEFAULT_KUBE_CLUSTERS = 'acme-prod,acme-staging,globex-prod';

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new Error(`--${flag} expects a non-negative integer, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'route53-port': { type: 'string' },
      'iam-port': { type: 'string' },
      'sts-port': { type: 'string' },
      'vault-port': { type: 'string' },
      'base-domain': { type: 'string' },
      'persist-dir': { type: 'string' },
      'no-persist': { type: 'boolean' },
      'pending-ms': { type: 'string' },
      'key-activation-delay-ms': { type: 'string' },
      'no-throttling': { type: 'boolean' },
      'kube-clusters': { type: 'string' },
      'kube-port': { type: 'string' },
      'controller-delay-ms': { type: 'string' },
      'external-dns-interval-ms': { type: 'string' },
      'no-external-dns': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const throttlingOff = values['no-throttling'];
  const clusters = (values['kube-clusters'] ?? DEFAULT_KUBE_CLUSTERS)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const firstKubePort = integer(values['kube-port'], 'kube-port') ?? 4520;
  const persistDir = values['no-persist']
    ? null
    : path.resolve(values['persist-dir'] ?? path.join('data', 'sandbox'));
  const sandbox = await startSandbox({
    ports: {
      route53: integer(values['route53-port'], 'route53-port') ?? 4510,
      iam: integer(values['iam-port'], 'iam-port') ?? 4511,
      sts: integer(values['sts-port'], 'sts-port') ?? 4512,
      vault: integer(values['vault-port'], 'vault-port') ?? 4513,
    },
    baseDomain: values['base-domain'] ?? process.env.ZK_BASE_DOMAIN ?? 'zonekeeper.test',
    persistDir: persistDir ?? undefined,
    pendingMs: integer(values['pending-ms'], 'pending-ms'),
    keyActivationDelayMs: integer(values['key-activation-delay-ms'], 'key-activation-delay-ms'),
    throttling: throttlingOff ? { enabled: false, priorRequest: { enabled: false } } : undefined,
    kube: {
      clusters,
      // Port 0 keeps every cluster on a free port; otherwise they count up from the first.
      ports: Object.fromEntries(
        clusters.map((name, index) => [name, firstKubePort === 0 ? 0 : firstKubePort + index]),
      ),
      controllerDelayMs: integer(values['controller-delay-ms'], 'controller-delay-ms'),
      externalDns: values['no-external-dns']
        ? false
        : {
            intervalMs: integer(values['external-dns-interval-ms'], 'external-dns-interval-ms'),
          },
    },
  });

  console.log(
    `Sandbox running. Parent zone ${sandbox.parentZone.name} (${sandbox.parentZone.id}).`,
  );
  console.log(
    `Control: ${sandbox.endpoints.route53}/_sandbox/{stats,faults,throttling,propagation}` +
      ' (stats and faults: ?service=route53|iam|sts)',
  );
  for (const cluster of Object.values(sandbox.kube))
    console.log(`Kubernetes cluster ${cluster.name}: ${cluster.url}`);
  if (Object.keys(sandbox.externalDns).length > 0)
    console.log(
      'ExternalDNS: syncs in each cluster that holds the Deployment external-dns/external-dns;' +
        " its state is that Deployment's ExternalDNSSynced condition",
    );
  console.log('Use these environment variables:\n');
  for (const [name, value] of Object.entries(sandbox.env)) console.log(`${name}=${value}`);
  // `npm run zk` with nothing configured finds this sandbox through the file.
  const removeConnectionFile = persistDir ? writeConnectionFile(persistDir, sandbox.env) : () => {};

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping sandbox`);
    removeConnectionFile();
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
