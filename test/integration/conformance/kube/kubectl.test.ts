// The real kubectl against a sandbox cluster through the kubeconfig the sandbox writes: reads,
// server-side apply with field managers and conflicts, Services with load-balancer hostnames,
// rollout status, and refused credentials.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { SandboxCluster } from '@/sandbox/kube/sandbox-cluster';
import {
  bundleManifest,
  kubectl,
  startKubeTarget,
  writeManifest,
  type KubeTarget,
} from './kube-target';

describe('kubectl against a sandbox cluster', () => {
  let target: KubeTarget;
  let cluster: SandboxCluster;
  const run = (args: string[]) => kubectl(target, cluster.kubeconfigPath, args);

  beforeAll(async () => {
    target = await startKubeTarget(['acme-prod']);
    cluster = target.clusters['acme-prod']!;
  });
  afterAll(async () => {
    await target?.close();
  });

  it('writes a kubeconfig with an https server, the sandbox CA and a token user', () => {
    const config = parseYaml(readFileSync(cluster.kubeconfigPath, 'utf8'));
    expect(config['current-context']).toBe('acme-prod');
    expect(config.clusters[0].cluster.server).toBe(cluster.url);
    expect(cluster.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(
      Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString(),
    ).toBe(cluster.caCertificate);
    expect(config.users[0].user.token).toBe(cluster.adminToken);
  });

  it('kubectl get ns lists the system namespaces', async () => {
    const result = await run(['get', 'ns']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
      expect(lines.some((line) => new RegExp(`^${name}\\s+Active\\s`).test(line))).toBe(true);
  });

  it('kubectl apply --server-side creates the whole bundle, then the deployment rolls out', async () => {
    const file = writeManifest(target, 'bundle-1.yaml', bundleManifest('1'));
    const applied = await run(['apply', '--server-side', '-f', file]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.trim().split('\n')).toEqual([
      'namespace/external-dns serverside-applied',
      'serviceaccount/external-dns serverside-applied',
      'clusterrole.rbac.authorization.k8s.io/external-dns serverside-applied',
      'clusterrolebinding.rbac.authorization.k8s.io/external-dns-viewer serverside-applied',
      'secret/external-dns-aws serverside-applied',
      'deployment.apps/external-dns serverside-applied',
    ]);
    const rollout = await run([
      '-n',
      'external-dns',
      'rollout',
      'status',
      'deploy/external-dns',
      '--timeout=60s',
    ]);
    expect(rollout.code, rollout.stderr).toBe(0);
    expect(rollout.stdout).toContain('deployment "external-dns" successfully rolled out');
  });

  it('kubectl -n external-dns get deploy,secret shows the rolled-out deployment and the secret', async () => {
    const result = await run(['-n', 'external-dns', 'get', 'deploy,secret']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
    expect(result.stdout).toMatch(/^deployment\.apps\/external-dns\s+1\/1\s+1\s+1\s/m);
    expect(result.stdout).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE$/m);
    expect(result.stdout).toMatch(/^secret\/external-dns-aws\s+Opaque\s+1\s/m);
  });

  it('the secret holds stringData base64-encoded under data, and the deployment its args', async () => {
    const secret = JSON.parse(
      (await run(['-n', 'external-dns', 'get', 'secret', 'external-dns-aws', '-o', 'json'])).stdout,
    );
    expect(Buffer.from(secret.data.credentials, 'base64').toString()).toContain(
      'aws_access_key_id = AKIAKEYVERSION1',
    );
    expect(secret.stringData).toBeUndefined();
    const args = await run([
      '-n',
      'external-dns',
      'get',
      'deploy',
      'external-dns',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].args}',
    ]);
    expect(JSON.parse(args.stdout)).toEqual([
      '--txt-owner-id=zk-test',
      '--policy=sync',
      '--registry=txt',
    ]);
  });

  it('re-applying the same bundle changes nothing: same resourceVersion and generation', async () => {
    const read = async () =>
      (
        await run([
          '-n',
          'external-dns',
          'get',
          'deploy',
          'external-dns',
          '-o',
          'jsonpath={.metadata.resourceVersion}/{.metadata.generation}',
        ])
      ).stdout;
    const before = await read();
    const file = writeManifest(target, 'bundle-1-again.yaml', bundleManifest('1'));
    expect((await run(['apply', '--server-side', '-f', file])).code).toBe(0);
    expect(await read()).toBe(before);
  });

  it('a pod-template change bumps generation and kubectl rollout status waits for the new replicas', async () => {
    const file = writeManifest(target, 'bundle-2.yaml', bundleManifest('2'));
    expect((await run(['apply', '--server-side', '-f', file])).code).toBe(0);
    const deployment = JSON.parse(
      (await run(['-n', 'external-dns', 'get', 'deploy', 'external-dns', '-o', 'json'])).stdout,
    );
    expect(deployment.metadata.generation).toBe(2);
    expect(deployment.spec.template.metadata.annotations['zonekeeper.io/key-version']).toBe('2');
    const rollout = await run([
      '-n',
      'external-dns',
      'rollout',
      'status',
      'deploy/external-dns',
      '--timeout=60s',
    ]);
    expect(rollout.code, rollout.stderr).toBe(0);
    expect(rollout.stdout).toContain('deployment "external-dns" successfully rolled out');
    const done = JSON.parse(
      (await run(['-n', 'external-dns', 'get', 'deploy', 'external-dns', '-o', 'json'])).stdout,
    );
    expect(done.status).toMatchObject({
      observedGeneration: 2,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    });
    expect(
      done.status.conditions.map((c: { type: string; reason: string }) => `${c.type}=${c.reason}`),
    ).toEqual(['Available=MinimumReplicasAvailable', 'Progressing=NewReplicaSetAvailable']);
  });

  it('applying a field another manager owns with a different value is a conflict; --force-conflicts takes it', async () => {
    const file = writeManifest(
      target,
      'replicas.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: external-dns\n  namespace: external-dns\nspec:\n  replicas: 3\n',
    );
    const refused = await run(['apply', '--server-side', '--field-manager=scaler', '-f', file]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas',
    );
    expect(
      (
        await run([
          '-n',
          'external-dns',
          'get',
          'deploy',
          'external-dns',
          '-o',
          'jsonpath={.spec.replicas}',
        ])
      ).stdout,
    ).toBe('1');

    const forced = await run([
      'apply',
      '--server-side',
      '--force-conflicts',
      '--field-manager=scaler',
      '-f',
      file,
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    const deployment = JSON.parse(
      (
        await run([
          '-n',
          'external-dns',
          'get',
          'deploy',
          'external-dns',
          '-o',
          'json',
          '--show-managed-fields',
        ])
      ).stdout,
    );
    expect(deployment.spec.replicas).toBe(3);
    const owners = Object.fromEntries(
      deployment.metadata.managedFields.map(
        (entry: { manager: string; fieldsV1: { 'f:spec': object } }) => [
          entry.manager,
          Object.keys(entry.fieldsV1['f:spec']),
        ],
      ),
    );
    expect(owners.scaler).toEqual(['f:replicas']);
    expect(owners.kubectl).not.toContain('f:replicas');
  });

  it('kubectl create -f of a LoadBalancer Service assigns a cluster IP and an ELB hostname; get svc -o yaml shows them', async () => {
    const file = writeManifest(
      target,
      'service.yaml',
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: web',
        '  namespace: default',
        '  annotations: {external-dns.alpha.kubernetes.io/hostname: web.acme.zonekeeper.test}',
        'spec:',
        '  type: LoadBalancer',
        '  selector: {app: web}',
        '  ports: [{name: http, port: 80, targetPort: 8080}]',
        '',
      ].join('\n'),
    );
    const created = await run(['create', '-f', file]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe('service/web created');

    const yaml = await run(['get', 'svc', '-o', 'yaml']);
    expect(yaml.code, yaml.stderr).toBe(0);
    const list = parseYaml(yaml.stdout);
    expect(list.kind).toBe('List');
    const web = list.items.find(
      (item: { metadata: { name: string } }) => item.metadata.name === 'web',
    );
    expect(web.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(web.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080, protocol: 'TCP' });
    expect(web.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const hostname = web.status.loadBalancer.ingress[0].hostname as string;
    expect(hostname).toMatch(/^a[0-9a-f]{31}-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);

    const table = await run(['get', 'svc', 'web']);
    expect(table.stdout).toMatch(
      new RegExp(
        `^web\\s+LoadBalancer\\s+10\\.96\\.\\S+\\s+${hostname.replace(/\./g, '\\.')}\\s+80:\\d+/TCP\\s`,
        'm',
      ),
    );

    const again = await run(['create', '-f', file]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Error from server (AlreadyExists): error when creating');
    expect(again.stderr).toContain('services "web" already exists');
  });

  it('kubectl delete svc removes the Service; getting it again is NotFound', async () => {
    const deleted = await run(['delete', 'svc', 'web']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout.trim()).toBe('service "web" deleted');
    const missing = await run(['get', 'svc', 'web']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): services "web" not found');
  });

  it('kubectl create service loadbalancer (a protobuf body) creates a Service that kubectl delete removes', async () => {
    const created = await run(['create', 'service', 'loadbalancer', 'api', '--tcp=443:8443']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe('service/api created');
    const service = JSON.parse((await run(['get', 'svc', 'api', '-o', 'json'])).stdout);
    expect(service.metadata.labels).toEqual({ app: 'api' });
    expect(service.spec).toMatchObject({ type: 'LoadBalancer', selector: { app: 'api' } });
    expect(service.spec.ports).toEqual([
      expect.objectContaining({ name: '443-8443', port: 443, targetPort: 8443, protocol: 'TCP' }),
    ]);
    expect(service.status.loadBalancer.ingress[0].hostname).toMatch(
      /\.us-east-1\.elb\.amazonaws\.com$/,
    );
    expect((await run(['delete', 'service', 'api'])).stdout.trim()).toBe('service "api" deleted');
    expect((await run(['get', 'svc', 'api'])).code).not.toBe(0);
  });

  it('kubectl create namespace, secret generic and serviceaccount work; deleting the namespace removes its contents', async () => {
    expect((await run(['create', 'namespace', 'team-a'])).stdout.trim()).toBe(
      'namespace/team-a created',
    );
    const secret = await run([
      '-n',
      'team-a',
      'create',
      'secret',
      'generic',
      'creds',
      '--from-literal=credentials=abc',
    ]);
    expect(secret.stdout.trim()).toBe('secret/creds created');
    expect((await run(['-n', 'team-a', 'create', 'serviceaccount', 'robot'])).code).toBe(0);
    const data = await run([
      '-n',
      'team-a',
      'get',
      'secret',
      'creds',
      '-o',
      'jsonpath={.data.credentials}',
    ]);
    expect(Buffer.from(data.stdout, 'base64').toString()).toBe('abc');
    const accounts = await run(['-n', 'team-a', 'get', 'sa', '-o', 'name']);
    expect(accounts.stdout.trim().split('\n')).toEqual([
      'serviceaccount/default',
      'serviceaccount/robot',
    ]);

    const deleted = await run(['delete', 'namespace', 'team-a']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout.trim()).toBe('namespace "team-a" deleted');
    expect((await run(['-n', 'team-a', 'get', 'secret', 'creds'])).code).not.toBe(0);
  });

  it('a typed create of a kind whose protobuf form is not modeled fails with a clear message', async () => {
    const result = await run(['create', 'deployment', 'x', '--image=nginx']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'cannot decode this protobuf body (kind Deployment is not modeled)',
    );
  });

  it('an invalid object is refused with the 422 causes', async () => {
    const file = writeManifest(
      target,
      'bad-deployment.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\n  namespace: default\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec:\n      containers: [{name: c, image: nginx}]\n',
    );
    const result = await run(['apply', '--server-side', '-f', file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'The Deployment "bad" is invalid: spec.template.metadata.labels',
    );
    expect(result.stderr).toContain('`selector` does not match template `labels`');
  });

  it('kubectl get nodes and pods answer like a real cluster with one node and no pods', async () => {
    const nodes = await run(['get', 'nodes']);
    expect(nodes.stdout).toMatch(/^acme-prod-node-1\s+Ready\s/m);
    const pods = await run(['get', 'pods', '-A']);
    expect(pods.code, pods.stderr).toBe(0);
    expect(pods.stderr.trim()).toBe('No resources found');
  });

  it('a wrong token is refused: kubectl says it must be logged in', async () => {
    const result = await run(['--token=not-the-token', 'get', 'ns']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('You must be logged in to the server');
    expect(result.stdout).toBe('');
  });

  it('the read-only kubeconfig reads but is forbidden to write', async () => {
    const viewer = (args: string[]) => kubectl(target, cluster.viewerKubeconfigPath, args);
    expect((await viewer(['get', 'ns'])).code).toBe(0);
    const file = writeManifest(target, 'bundle-viewer.yaml', bundleManifest('9'));
    const result = await viewer(['apply', '--server-side', '-f', file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'is forbidden: User "sandbox-viewer" cannot patch resource "namespaces"',
    );
  });
});
