// The sandbox Kubernetes clusters the kube conformance suite drives: started in-process on free
// ports with state in memory, plus runners for the real kubectl and raw HTTPS requests.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { startSandboxClusters, type SandboxClusters } from '@/sandbox/kube/sandbox-clusters';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface KubeTarget {
  clusters: SandboxClusters['clusters'];
  /** A scratch directory for manifests and kubectl's discovery cache. */
  workDir: string;
  close(): Promise<void>;
}

export async function startKubeTarget(
  names: string[],
  controllerDelayMs = 300,
): Promise<KubeTarget> {
  const started = await startSandboxClusters({ names, controllerDelayMs });
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'zk-kube-test-'));
  return {
    clusters: started.clusters,
    workDir,
    close: async () => {
      await started.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real kubectl against a kubeconfig; never throws on a non-zero exit. */
export function kubectl(
  target: KubeTarget,
  kubeconfigPath: string,
  args: string[],
  input?: string,
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      KUBECTL,
      args,
      {
        env: {
          ...process.env,
          HOME: target.workDir,
          KUBECONFIG: kubeconfigPath,
          KUBECACHEDIR: path.join(target.workDir, 'cache'),
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function writeManifest(target: KubeTarget, name: string, yaml: string): string {
  const file = path.join(target.workDir, name);
  writeFileSync(file, yaml);
  return file;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): Record<string, unknown>;
}

/** One HTTPS request to a cluster's API, trusting the sandbox CA. */
export function rawRequest(
  cluster: { url: string; caCertificate: string },
  method: string,
  pathAndQuery: string,
  options: { token?: string; body?: string; contentType?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(pathAndQuery, cluster.url),
      {
        method,
        ca: cluster.caCertificate,
        // A fresh connection per request, so a stopped cluster shows as refused connections.
        agent: false,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body !== undefined
            ? { 'content-type': options.contentType ?? 'application/json' }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: () => JSON.parse(body) as Record<string, unknown>,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The ExternalDNS-shaped bundle the delivery step applies, as one multi-document file. */
export function bundleManifest(keyVersion: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: external-dns
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: external-dns
  namespace: external-dns
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: external-dns
rules:
  - apiGroups: [""]
    resources: [services, endpoints, pods]
    verbs: [get, watch, list]
  - apiGroups: [discovery.k8s.io]
    resources: [endpointslices]
    verbs: [get, watch, list]
  - apiGroups: [""]
    resources: [nodes]
    verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: external-dns-viewer
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: external-dns
subjects:
  - kind: ServiceAccount
    name: external-dns
    namespace: external-dns
---
apiVersion: v1
kind: Secret
metadata:
  name: external-dns-aws
  namespace: external-dns
type: Opaque
stringData:
  credentials: |
    [default]
    aws_access_key_id = AKIAKEYVERSION${keyVersion}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: external-dns
  namespace: external-dns
spec:
  replicas: 1
  selector:
    matchLabels: {app: external-dns}
  template:
    metadata:
      labels: {app: external-dns}
      annotations: {zonekeeper.io/key-version: "${keyVersion}"}
    spec:
      serviceAccountName: external-dns
      containers:
        - name: external-dns
          image: registry.k8s.io/external-dns/external-dns:v0.22.0
          args: [--txt-owner-id=zk-test, --policy=sync, --registry=txt]
`;
}

export interface WatchEvent {
  type: string;
  object: { metadata?: { name?: string }; [key: string]: unknown };
}

/** Follows a watch URL until `done` accepts an event; resolves with every event seen. */
export function watchUntil(
  cluster: { url: string; caCertificate: string; adminToken: string },
  pathAndQuery: string,
  done: (event: WatchEvent) => boolean,
): Promise<WatchEvent[]> {
  return new Promise((resolve, reject) => {
    const events: WatchEvent[] = [];
    let finished = false;
    const req = request(
      new URL(pathAndQuery, cluster.url),
      {
        ca: cluster.caCertificate,
        agent: false,
        headers: { authorization: `Bearer ${cluster.adminToken}` },
      },
      (res) => {
        let buffered = '';
        res.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.trim() || finished) continue;
            const event = JSON.parse(line) as WatchEvent;
            events.push(event);
            if (done(event)) {
              finished = true;
              req.destroy();
              resolve(events);
            }
          }
        });
        res.on('end', () => finished || reject(new Error('the watch ended early')));
      },
    );
    req.on('error', (error) => finished || reject(error));
    req.end();
  });
}
