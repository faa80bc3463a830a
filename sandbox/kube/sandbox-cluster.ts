// One sandbox Kubernetes cluster: its store (persisted as JSON when a state directory is given),
// its API on its own loopback port, its tokens and the kubeconfig that points kubectl at it.
// stop() and start() take the API away and bring it back on the same port, for fault tests.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { jsonStateFile } from '../http/json-state-file';
import { listenOnLoopback, type LoopbackServer } from '../http/listen';
import { createKubeApi } from './kube-api';
import { createKubeHttpHandler } from './kube-http';
import { createKubeStore, type KubeStoreSnapshot } from './kube-store';
import { kubeconfigDocument, writeKubeconfig } from './kubeconfig';
import type { SandboxTls } from './sandbox-tls';
import { seedCluster } from './seed-cluster';

export interface SandboxClusterOptions {
  /** One DNS label, e.g. `acme-prod`. */
  name: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where the cluster's state (tokens included) and kubeconfig files live. */
  stateDir: string;
  /** Keep the objects in `<stateDir>/<name>.json` across restarts. */
  persist: boolean;
  /** The serving certificate; kubectl sends tokens only over HTTPS. */
  tls: SandboxTls;
  region?: string;
  /** How long the simulated controllers take (a rollout, a namespace's removal; default 1.5 s). */
  controllerDelayMs?: number;
  now?: () => number;
}

interface SavedCluster {
  adminToken: string;
  viewerToken: string;
  store?: KubeStoreSnapshot;
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const newToken = () => `zk-sandbox.${randomBytes(24).toString('base64url')}`;

export async function startSandboxCluster(options: SandboxClusterOptions) {
  if (!CLUSTER_NAME.test(options.name))
    throw new Error(
      `sandbox cluster name "${options.name}" must be one DNS label (lower-case letters, digits and -, e.g. acme-prod)`,
    );
  const now = options.now ?? Date.now;
  const stateFile = path.join(options.stateDir, `${options.name}.json`);
  const saved = options.persist
    ? jsonStateFile<SavedCluster>(stateFile, () => ({}) as SavedCluster).load()
    : undefined;
  const tokens = {
    adminToken: saved?.adminToken ?? newToken(),
    viewerToken: saved?.viewerToken ?? newToken(),
  };
  const store = createKubeStore(saved?.store);
  const api = createKubeApi({
    store,
    region: options.region ?? 'us-east-1',
    controllerDelayMs: options.controllerDelayMs ?? 1_500,
    now,
  });
  // Without persistence only the kubeconfig files (which kubectl needs) touch the disk.
  const file = options.persist
    ? jsonStateFile<SavedCluster>(
        stateFile,
        () => ({ ...tokens, store: store.snapshot() }),
        50,
        0o600,
      )
    : undefined;
  store.subscribe(() => file?.scheduleSave());
  seedCluster(api, store, options.name, now());
  api.resumeControllers();
  file?.scheduleSave();
  file?.flush();

  const handler = createKubeHttpHandler({ api, store, ...tokens, now });
  const serving = { key: options.tls.privateKey, cert: options.tls.certificate };
  let server: LoopbackServer | undefined = await listenOnLoopback(
    handler,
    options.port ?? 0,
    serving,
  );
  const port = server.port;
  const url = server.url;
  const kubeconfigPath = path.join(options.stateDir, `${options.name}.kubeconfig`);
  const viewerKubeconfigPath = path.join(options.stateDir, `${options.name}-viewer.kubeconfig`);
  const ca = options.tls.caCertificate;
  writeKubeconfig(kubeconfigPath, kubeconfigDocument(options.name, url, ca, tokens.adminToken));
  writeKubeconfig(
    viewerKubeconfigPath,
    kubeconfigDocument(options.name, url, ca, tokens.viewerToken, `${options.name}-viewer`),
  );

  return {
    name: options.name,
    url,
    port,
    kubeconfigPath,
    /** A kubeconfig whose token may only read (writes get 403 Forbidden). */
    viewerKubeconfigPath,
    /** PEM of the CA that signed the API's certificate. */
    caCertificate: ca,
    adminToken: tokens.adminToken,
    viewerToken: tokens.viewerToken,
    /** In-process handles for tests. */
    api,
    store,
    /** Makes the API unreachable (connections refused) until start(). */
    stop: async () => {
      await server?.close();
      server = undefined;
    },
    /** Brings a stopped API back on the same port. */
    start: async () => {
      server ??= await listenOnLoopback(handler, port, serving);
    },
    close: async () => {
      await server?.close();
      server = undefined;
      api.close();
      file?.flush();
    },
  };
}

export type SandboxCluster = Awaited<ReturnType<typeof startSandboxCluster>>;
