// POST /api/clusters/<uid>/status, the route handler itself on a SQLite store: the cluster's
// token moves its status and last-seen time (audited); no token, a wrong one, another cluster's,
// or a deleted cluster get 401 and change nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Cluster, Organization } from '@/db/rows';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv } from '@/server/cloud/vault';
import { deleteCluster } from '@/server/clusters/delete-cluster';
import { registerCluster } from '@/server/clusters/register-cluster';
import { BASE_DOMAIN, insertOrg } from './cluster-sandbox';

// Manual clusters never touch Vault; the client exists only to satisfy the context.
const unusedVault = createVaultKv({
  address: 'http://127.0.0.1:9',
  token: 'unused',
  mount: 'secret',
  timeoutMs: 100,
});

describe('POST /api/clusters/[uid]/status', () => {
  let dir: string;
  let store: Store;
  let org: Organization;
  let POST: typeof import('@/app/api/clusters/[uid]/status/route').POST;
  const clusters: Record<string, { cluster: Cluster; statusToken: string }> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-status-'));
    const file = path.join(dir, 'zk.sqlite');
    // The route opens the process store from the configuration, read once on first use.
    Object.assign(process.env, { DATABASE_URL: `file:${file}`, ZK_BASE_DOMAIN: BASE_DOMAIN });
    store = await openStore({ dialect: 'sqlite', file });
    org = await insertOrg(store, 'acme');
    for (const name of ['prod', 'staging']) {
      clusters[name] = await registerCluster(
        {
          store,
          actor: SYSTEM_ACTOR,
          org,
          vault: unusedVault,
          baseDomain: BASE_DOMAIN,
          kubeTimeoutMs: 1000,
        },
        { name, policy: 'sync', connection: { kind: 'manual' } },
      );
    }
    ({ POST } = await import('@/app/api/clusters/[uid]/status/route'));
  });
  afterAll(async () => {
    await store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const report = (uid: string, init: { token?: string; body?: unknown }) =>
    POST(
      new Request(`http://localhost/api/clusters/${uid}/status`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        body: JSON.stringify(init.body ?? { status: 'running' }),
      }),
      { params: Promise.resolve({ uid }) },
    );
  const row = async (name: string) =>
    (
      await store.db
        .select()
        .from(store.t.clusters)
        .where(eq(store.t.clusters.id, clusters[name]!.cluster.id))
    )[0]!;

  it('sets the status and last-seen time with the cluster token, and audits it', async () => {
    const { cluster, statusToken } = clusters.prod!;
    const response = await report(cluster.uid, { token: statusToken });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ uid: cluster.uid, status: 'running' });
    const after = await row('prod');
    expect(after.status).toBe('running');
    expect(after.lastSeenAt).toBeInstanceOf(Date);
    const events = await store.db
      .select()
      .from(store.t.auditEvents)
      .where(eq(store.t.auditEvents.action, 'cluster.status_reported'));
    expect(events.map((e) => [e.target, e.detail])).toEqual([
      ['prod', { uid: cluster.uid, from: 'pending', to: 'running' }],
    ]);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'zkcs_wrong'],
    ["another cluster's token", 'staging'],
  ])('answers 401 to %s and changes nothing', async (_, token) => {
    const before = await row('prod');
    const presented = token === 'staging' ? clusters.staging!.statusToken : token;
    const response = await report(before.uid, { token: presented, body: { status: 'stopped' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await row('prod')).toEqual(before);
  });

  it('answers 401 for an unknown UID, like a wrong token', async () => {
    const response = await report('zkc-unknown', { token: clusters.prod!.statusToken });
    expect(response.status).toBe(401);
  });

  it('answers 400 to a status it does not know, with the right token', async () => {
    const response = await report(clusters.prod!.cluster.uid, {
      token: clusters.prod!.statusToken,
      body: { status: 'exploded' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /"running" or "stopped"/,
    );
  });

  it('refuses reports for a deleted cluster, whose UID stays taken', async () => {
    const { cluster, statusToken } = clusters.staging!;
    const work = await deleteCluster({ store, actor: SYSTEM_ACTOR, org }, { name: 'staging' });
    expect(work.connected).toBe(false);
    expect((await report(cluster.uid, { token: statusToken })).status).toBe(401);
    expect(await row('staging')).toMatchObject({ uid: cluster.uid, status: 'deleted' });
    await expect(
      deleteCluster({ store, actor: SYSTEM_ACTOR, org }, { name: 'staging' }),
    ).rejects.toThrow(/no cluster named "staging"/);
    await expect(
      registerCluster(
        {
          store,
          actor: SYSTEM_ACTOR,
          org,
          vault: unusedVault,
          baseDomain: BASE_DOMAIN,
          kubeTimeoutMs: 1000,
        },
        { name: 'staging', policy: 'sync', connection: { kind: 'manual' } },
      ),
    ).rejects.toMatchObject({ fields: { name: [expect.stringMatching(/had a cluster named/)] } });
  });
});
