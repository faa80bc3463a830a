// The sandbox Kubernetes API on the wire: authentication, discovery, the Status bodies of
// failures, replace with resourceVersion preconditions, merge patch, and watch streams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResourceType } from '@/sandbox/kube/kube-resources';
import type { SandboxCluster } from '@/sandbox/kube/sandbox-cluster';
import { rawRequest, startKubeTarget, watchUntil, type KubeTarget } from './kube-target';

const secret = (name: string, data: Record<string, string> = { key: 'dmFsdWU=' }) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'default' },
    data,
  });

describe('the sandbox Kubernetes API over HTTPS', () => {
  let target: KubeTarget;
  let cluster: SandboxCluster;
  const call = (method: string, path: string, body?: unknown, contentType?: string) =>
    rawRequest(cluster, method, path, {
      token: cluster.adminToken,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      contentType,
    });

  beforeAll(async () => {
    target = await startKubeTarget(['globex-prod']);
    cluster = target.clusters['globex-prod']!;
  });
  afterAll(async () => {
    await target?.close();
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'zk-sandbox.wrong'],
  ])('refuses %s with 401 and an Unauthorized Status', async (_case, token) => {
    for (const path of ['/version', '/api/v1/namespaces', '/apis']) {
      const response = await rawRequest(cluster, 'GET', path, { token });
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('serves /version and discovery with kinds, scopes, verbs and short names', async () => {
    expect((await call('GET', '/version')).json()).toMatchObject({ major: '1', minor: '32' });
    const core = (await call('GET', '/api/v1')).json() as { resources: Record<string, unknown>[] };
    const byName = Object.fromEntries(core.resources.map((resource) => [resource.name, resource]));
    expect(byName.services).toMatchObject({
      kind: 'Service',
      namespaced: true,
      shortNames: ['svc'],
    });
    expect(byName.namespaces).toMatchObject({
      kind: 'Namespace',
      namespaced: false,
      shortNames: ['ns'],
    });
    expect(byName.pods).toMatchObject({ verbs: ['get', 'list', 'watch'] });
    const groups = (await call('GET', '/apis')).json() as { groups: { name: string }[] };
    expect(groups.groups.map((group) => group.name)).toEqual([
      'rbac.authorization.k8s.io',
      'apps',
      'networking.k8s.io',
      'discovery.k8s.io',
    ]);
    const apps = (await call('GET', '/apis/apps/v1')).json() as {
      resources: Record<string, unknown>[];
    };
    expect(apps.resources[0]).toMatchObject({
      name: 'deployments',
      kind: 'Deployment',
      shortNames: ['deploy'],
    });
    expect((await call('GET', '/apis/apps/v2')).status).toBe(404);
    expect((await call('GET', '/openapi/v2')).status).toBe(404);
  });

  it('answers a missing object with 404 NotFound naming the resource', async () => {
    const response = await call('GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      message: 'deployments.apps "nope" not found',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
      code: 404,
    });
  });

  it('creates with 201 and metadata, refuses a second create with 409 AlreadyExists', async () => {
    const created = await call('POST', '/api/v1/namespaces/default/secrets', secret('first'));
    expect(created.status).toBe(201);
    const metadata = (created.json() as { metadata: Record<string, unknown> }).metadata;
    expect(metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(metadata.resourceVersion)).toBeGreaterThan(0);
    const again = await call('POST', '/api/v1/namespaces/default/secrets', secret('first'));
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({
      reason: 'AlreadyExists',
      message: 'secrets "first" already exists',
      code: 409,
    });
  });

  it('refuses invalid objects with 422 Invalid and the failing fields as causes', async () => {
    const response = await call(
      'POST',
      '/api/v1/namespaces/default/secrets',
      secret('Bad_Name', { 'x y': 'not base64!' }),
    );
    expect(response.status).toBe(422);
    const status = response.json() as {
      reason: string;
      details: { causes: { field: string; reason: string }[] };
    };
    expect(status.reason).toBe('Invalid');
    expect(status.details.causes.map((cause) => cause.field)).toEqual([
      'metadata.name',
      'data[x y]',
      'data[x y]',
    ]);
    expect((await call('GET', '/api/v1/namespaces/default/secrets/Bad_Name')).status).toBe(404);
  });

  it('gives a NodePort Service distinct node ports and keeps them and its cluster IP on replace', async () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'two-ports', namespace: 'default' },
      spec: {
        type: 'NodePort',
        ports: [
          { name: 'http', port: 80 },
          { name: 'https', port: 443 },
        ],
      },
    };
    const created = await call('POST', '/api/v1/namespaces/default/services', service);
    expect(created.status).toBe(201);
    const spec = (created.json() as { spec: { clusterIP: string; ports: { nodePort: number }[] } })
      .spec;
    const [first, second] = spec.ports.map((port) => port.nodePort);
    expect(first).not.toBe(second);
    const replaced = await call('PUT', '/api/v1/namespaces/default/services/two-ports', service);
    expect(replaced.status).toBe(200);
    expect((replaced.json() as { spec: unknown }).spec).toMatchObject({
      clusterIP: spec.clusterIP,
      ports: [{ nodePort: first }, { nodePort: second }],
    });
  });

  it('never gives two Services the same node port', async () => {
    const loadBalancer = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    });
    const nodePorts: number[] = [];
    for (const name of ['lb-one', 'lb-two', 'lb-three']) {
      const created = await call('POST', '/api/v1/namespaces/default/services', loadBalancer(name));
      expect(created.status).toBe(201);
      const spec = (created.json() as { spec: { ports: { nodePort: number }[] } }).spec;
      nodePorts.push(spec.ports[0]!.nodePort);
    }
    expect(new Set(nodePorts).size).toBe(3);
    for (const port of nodePorts) {
      expect(port).toBeGreaterThanOrEqual(30000);
      expect(port).toBeLessThanOrEqual(32767);
    }
  });

  it('refuses objects in a namespace that does not exist with 404', async () => {
    const response = await call('POST', '/api/v1/namespaces/ghost/serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'sa' },
    });
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "ghost" not found',
    });
  });

  it('replaces with PUT; a stale resourceVersion is a 409 Conflict', async () => {
    const current = (await call('GET', '/api/v1/namespaces/default/secrets/first')).json() as {
      metadata: { resourceVersion: string };
    };
    const replaced = await call('PUT', '/api/v1/namespaces/default/secrets/first', {
      ...JSON.parse(secret('first', { key: 'bmV3' })),
      metadata: {
        name: 'first',
        namespace: 'default',
        resourceVersion: current.metadata.resourceVersion,
      },
    });
    expect(replaced.status).toBe(200);
    const next = replaced.json() as {
      metadata: { resourceVersion: string };
      data: Record<string, string>;
    };
    expect(next.data.key).toBe('bmV3');
    expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(
      Number(current.metadata.resourceVersion),
    );
    const stale = await call('PUT', '/api/v1/namespaces/default/secrets/first', {
      ...JSON.parse(secret('first')),
      metadata: {
        name: 'first',
        namespace: 'default',
        resourceVersion: current.metadata.resourceVersion,
      },
    });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ reason: 'Conflict' });
    expect((stale.json() as { message: string }).message).toContain('the object has been modified');
  });

  it('merge-patches labels onto an object', async () => {
    const patched = await call(
      'PATCH',
      '/api/v1/namespaces/default/secrets/first',
      { metadata: { labels: { team: 'dns' } } },
      'application/merge-patch+json',
    );
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({
      metadata: { labels: { team: 'dns' } },
      data: { key: 'bmV3' },
    });
    const selected = (await call('GET', '/api/v1/secrets?labelSelector=team%3Ddns')).json() as {
      items: unknown[];
    };
    expect(selected.items).toHaveLength(1);
    const none = (await call('GET', '/api/v1/secrets?labelSelector=team%3Dother')).json() as {
      items: unknown[];
    };
    expect(none.items).toHaveLength(0);
  });

  it('an apply without fieldManager is a 400', async () => {
    const response = await call(
      'PATCH',
      '/api/v1/namespaces/default/secrets/first',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: first, namespace: default}\n',
      'application/apply-patch+yaml',
    );
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ reason: 'BadRequest' });
  });

  it('streams watch events from a resourceVersion, 410 Expired for one it no longer has, 400 for nonsense', async () => {
    const list = (await call('GET', '/api/v1/namespaces/default/secrets')).json() as {
      metadata: { resourceVersion: string };
    };
    const watched = watchUntil(
      cluster,
      `/api/v1/namespaces/default/secrets?watch=true&resourceVersion=${list.metadata.resourceVersion}`,
      (event) => event.type === 'DELETED',
    );
    // Whether they land before or after the watch connects, writes after the listed
    // resourceVersion reach it: the watch replays from there.
    await call('POST', '/api/v1/namespaces/default/secrets', secret('watched'));
    await call('DELETE', '/api/v1/namespaces/default/secrets/watched');
    const events = await watched;
    expect(events.map((event) => `${event.type} ${event.object.metadata?.name}`)).toEqual([
      'ADDED watched',
      'DELETED watched',
    ]);

    // Push the first events out of the bounded event log, then ask for them.
    const secrets = findResourceType('', 'v1', 'secrets')!;
    for (let i = 0; i < 1_001; i += 1)
      cluster.api.patch(
        secrets,
        'default',
        'first',
        'application/merge-patch+json',
        JSON.stringify({ metadata: { annotations: { i: String(i) } } }),
        {
          fieldManager: 'test',
          fieldManagerGiven: true,
          dryRun: false,
          force: false,
        },
      );
    const expired = await call(
      'GET',
      '/api/v1/namespaces/default/secrets?watch=true&resourceVersion=1',
    );
    expect(expired.status).toBe(200);
    const event = JSON.parse(expired.body.trim()) as {
      type: string;
      object: { code: number; reason: string };
    };
    expect(event).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    const nonsense = await call(
      'GET',
      '/api/v1/namespaces/default/secrets?watch=true&resourceVersion=abc',
    );
    expect(nonsense.status).toBe(400);
    expect(nonsense.json()).toMatchObject({ reason: 'BadRequest' });
  });

  it('a deleted namespace is Terminating, refuses new content with 403, then goes away with its contents', async () => {
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } };
    expect((await call('POST', '/api/v1/namespaces', namespace)).status).toBe(201);
    expect(
      (
        await call(
          'POST',
          '/api/v1/namespaces/doomed/secrets',
          secret('inside').replace('"default"', '"doomed"'),
        )
      ).status,
    ).toBe(201);
    const deleted = await call('DELETE', '/api/v1/namespaces/doomed');
    expect(deleted.status).toBe(200);
    const terminating = deleted.json() as {
      status: { phase: string };
      metadata: { deletionTimestamp?: string; resourceVersion: string };
    };
    expect(terminating.status.phase).toBe('Terminating');
    expect(terminating.metadata.deletionTimestamp).toBeTruthy();

    const refused = await call(
      'POST',
      '/api/v1/namespaces/doomed/secrets',
      secret('late').replace('"default"', '"doomed"'),
    );
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ reason: 'Forbidden', code: 403 });
    expect((refused.json() as { message: string }).message).toContain(
      'because it is being terminated',
    );

    await watchUntil(
      cluster,
      `/api/v1/namespaces?watch=true&resourceVersion=${terminating.metadata.resourceVersion}`,
      (event) => event.type === 'DELETED' && event.object.metadata?.name === 'doomed',
    );
    expect((await call('GET', '/api/v1/namespaces/doomed')).status).toBe(404);
    expect((await call('GET', '/api/v1/namespaces/doomed/secrets/inside')).status).toBe(404);
  });

  it('a stopped cluster refuses connections and serves its objects again after start', async () => {
    await cluster.stop();
    await expect(call('GET', '/api/v1/namespaces')).rejects.toThrow(/ECONNREFUSED/);
    await cluster.start();
    const secrets = (await call('GET', '/api/v1/namespaces/default/secrets')).json() as {
      items: { metadata: { name: string } }[];
    };
    expect(secrets.items.map((item) => item.metadata.name)).toContain('first');
  });
});
