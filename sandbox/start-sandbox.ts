// Starts the local AWS stand-ins (Route 53, IAM, STS, Vault), each on its own loopback port, and
// hands back the environment the app needs to talk to them with the unmodified SDKs.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import { SANDBOX_ACCOUNT_ID } from './aws/identity';
import { startSandboxExternalDns } from './externaldns/sandbox-externaldns';
import { jsonStateFile, type JsonStateFile } from './http/json-state-file';
import { startSandboxClusters } from './kube/sandbox-clusters';
import { listenOnLoopback, type LoopbackServer } from './http/listen';
import { createIamHttpHandler } from './iam/iam-http';
import { createIamState, type IamSnapshot } from './iam/iam-state';
import { ensureParentZone } from './route53/parent-zone';
import { createRoute53Sandbox } from './route53/route53-sandbox';
import {
  restoreZoneStore,
  snapshotZoneStore,
  type Route53Snapshot,
} from './route53/zone-store-snapshot';
import { createStsHttpHandler } from './sts/sts-http';
import { createVaultHttpHandler } from './vault/vault-http';
import { createVaultState, type VaultSnapshot } from './vault/vault-state';
import { withControlEndpoints } from './throttle/control-http';
import type { OperationFaults } from './throttle/fault-injection';
import type { ThrottlingConfigPatch } from './throttle/route53-throttling';
import {
  createServiceControls,
  type SandboxService,
  type ServiceControls,
} from './throttle/service-controls';

export interface SandboxOptions {
  /** Port per service; 0 (the default) picks a free one. */
  ports?: { route53?: number; iam?: number; sts?: number; vault?: number };
  /** The platform's base domain; its parent zone is created once and reused. */
  baseDomain?: string;
  region?: string;
  platformCredentials?: { accessKeyId: string; secretAccessKey: string };
  vaultRootToken?: string;
  /** New IAM keys are rejected this long, like IAM's eventual consistency (default 2 s). */
  keyActivationDelayMs?: number;
  /** Route 53 changes report PENDING this long before INSYNC (default 2 s). */
  pendingMs?: number;
  maxHostedZones?: number;
  throttling?: ThrottlingConfigPatch;
  /** Faults per service, by operation name ('*' for all of the service's operations). */
  faults?: Partial<Record<SandboxService, Record<string, OperationFaults>>>;
  /** When set, state is kept as JSON files here and reloaded on the next start. */
  persistDir?: string;
  /** Sandbox Kubernetes clusters to serve, each on its own port (none by default). */
  kube?: {
    clusters: readonly string[];
    /** Port per cluster name; missing ones pick a free port. */
    ports?: Readonly<Record<string, number>>;
    /** How long the simulated controllers take: a rollout, a namespace's removal (default 1.5 s). */
    controllerDelayMs?: number;
    /**
     * A sandbox ExternalDNS per cluster, syncing wherever its Deployment is applied (on unless
     * false); `intervalMs` between syncs (default 5 s).
     */
    externalDns?: false | { intervalMs?: number };
  };
  now?: () => number;
}

interface SavedCredentials {
  platformCredentials: { accessKeyId: string; secretAccessKey: string };
  vaultRootToken: string;
}

export async function startSandbox(options: SandboxOptions = {}) {
  const baseDomain = options.baseDomain ?? 'zonekeeper.test';
  const region = options.region ?? 'us-east-1';
  const files = options.persistDir ? persistenceFiles(options.persistDir) : undefined;
  const credentials = resolveCredentials(options, files?.credentials);
  const controls: Record<SandboxService, ServiceControls> = {
    route53: createServiceControls(options.faults?.route53),
    iam: createServiceControls(options.faults?.iam),
    sts: createServiceControls(options.faults?.sts),
  };

  const iam = createIamState({
    platformCredentials: credentials.platformCredentials,
    keyActivationDelayMs: options.keyActivationDelayMs ?? 2_000,
    now: options.now,
    snapshot: files?.iam.load(),
  });
  const iamFile = files?.iam.bind(() => iam.snapshot());
  const route53 = createRoute53Sandbox({
    identity: iam,
    now: options.now,
    pendingMs: options.pendingMs,
    maxHostedZones: options.maxHostedZones,
    throttling: options.throttling,
    controls: controls.route53,
    onMutation: () => route53File?.scheduleSave(),
  });
  const route53File = files?.route53.bind(() => snapshotZoneStore(route53.store));
  const savedZones = files?.route53.load();
  if (savedZones) restoreZoneStore(route53.store, savedZones);
  const parentZone = ensureParentZone(route53.store, baseDomain);
  const vault = createVaultState({
    rootToken: credentials.vaultRootToken,
    snapshot: files?.vault.load(),
  });
  const vaultFile = files?.vault.bind(() => vault.snapshot());

  const ports = options.ports ?? {};
  const servers: LoopbackServer[] = [];
  const kube = await startSandboxClusters({
    names: options.kube?.clusters ?? [],
    ports: options.kube?.ports,
    persistDir: options.persistDir,
    region,
    controllerDelayMs: options.kube?.controllerDelayMs,
    now: options.now,
  });
  const listen = async (handler: RequestListener, port: number | undefined) => {
    const server = await listenOnLoopback(handler, port ?? 0);
    servers.push(server);
    return server.url;
  };
  try {
    const endpoints = {
      // The control endpoints for every service live on the Route 53 port (control-http.ts).
      route53: await listen(
        withControlEndpoints(route53.handler, {
          services: controls,
          throttle: route53.throttle,
          propagation: route53.propagation,
        }),
        ports.route53,
      ),
      iam: await listen(
        saveAfterWrites(createIamHttpHandler(iam, controls.iam), iamFile),
        ports.iam,
      ),
      sts: await listen(createStsHttpHandler(iam, controls.sts), ports.sts),
      vault: await listen(saveAfterWrites(createVaultHttpHandler(vault), vaultFile), ports.vault),
    };
    const externalDnsOption = options.kube?.externalDns;
    const externalDns =
      externalDnsOption === false
        ? undefined
        : startSandboxExternalDns({
            clusters: kube.clusters,
            route53Endpoint: endpoints.route53,
            region,
            intervalMs: externalDnsOption?.intervalMs,
            now: options.now,
          });
    return {
      endpoints,
      env: withKubeconfigs(kube.env, {
        AWS_ENDPOINT_URL_ROUTE_53: endpoints.route53,
        AWS_ENDPOINT_URL_IAM: endpoints.iam,
        AWS_ENDPOINT_URL_STS: endpoints.sts,
        AWS_REGION: region,
        AWS_ACCESS_KEY_ID: credentials.platformCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.platformCredentials.secretAccessKey,
        VAULT_ADDR: endpoints.vault,
        VAULT_TOKEN: credentials.vaultRootToken,
      }),
      parentZone,
      accountId: SANDBOX_ACCOUNT_ID,
      /** In-process handles for tests and benchmarks in the same process. */
      route53,
      iam,
      vault,
      /** The sandbox Kubernetes clusters by name (API URL, kubeconfig path, stop/start). */
      kube: kube.clusters,
      /** Each cluster's sandbox ExternalDNS by cluster name (its log, next sync); empty if off. */
      externalDns: externalDns?.controllers ?? {},
      /** Each service's fault injector and call stats, as the control endpoints steer them. */
      controls,
      close: async () => {
        // ExternalDNS first: a sync in flight finishes against servers that are still up.
        await externalDns?.close();
        await Promise.all(servers.map((server) => server.close()));
        await kube.close();
        route53File?.flush();
        iamFile?.flush();
        vaultFile?.flush();
      },
    };
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    await kube.close();
    throw error;
  }
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** The AWS and Vault variables plus one KUBECONFIG_<NAME> per sandbox cluster. */
function withKubeconfigs<T extends Record<string, string>>(
  kubeconfigs: Record<`KUBECONFIG_${string}`, string>,
  variables: T,
): T & Record<`KUBECONFIG_${string}`, string> {
  return { ...variables, ...kubeconfigs };
}

/** Services without a change hook are saved after any request that may have written. */
function saveAfterWrites(handler: RequestListener, file: JsonStateFile<unknown> | undefined) {
  if (!file) return handler;
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET') response.once('finish', () => file.scheduleSave());
    handler(request, response);
  };
}

function persistenceFiles(directory: string) {
  const file = <T>(name: string) => {
    const filePath = path.join(directory, name);
    const loader = jsonStateFile<T>(filePath, () => {
      throw new Error(`${name} has no snapshot source`);
    });
    return {
      load: () => loader.load(),
      bind: (snapshot: () => T) => jsonStateFile<T>(filePath, snapshot),
    };
  };
  return {
    credentials: file<SavedCredentials>('credentials.json'),
    route53: file<Route53Snapshot>('route53.json'),
    iam: file<IamSnapshot>('iam.json'),
    vault: file<VaultSnapshot>('vault.json'),
  };
}

/** Random per run unless given; persisted with the state so a restarted sandbox keeps its env. */
function resolveCredentials(
  options: SandboxOptions,
  file: ReturnType<typeof persistenceFiles>['credentials'] | undefined,
): SavedCredentials {
  const saved = file?.load();
  const resolved: SavedCredentials = {
    platformCredentials: options.platformCredentials ??
      saved?.platformCredentials ?? {
        accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase().slice(0, 16)}`,
        secretAccessKey: randomBytes(30).toString('base64'),
      },
    vaultRootToken:
      options.vaultRootToken ??
      saved?.vaultRootToken ??
      `hvs.${randomBytes(18).toString('base64url')}`,
  };
  if (file) {
    const writer = file.bind(() => resolved);
    writer.scheduleSave();
    writer.flush();
  }
  return resolved;
}
