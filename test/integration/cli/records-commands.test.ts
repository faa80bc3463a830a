// `zk records sync` and `zk hostnames` as an operator runs them, in child processes against the
// sandbox: the org's zone is read into the store, and the map prints each record's owner.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ChangeResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createOrganization } from '@/server/orgs/create-organization';
import { runZk } from '../../support/zk-cli';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('zk records sync and zk hostnames', () => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-records-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
  });
  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const zk = (args: string[]) =>
    runZk(
      {
        ...process.env,
        ...sandbox.env,
        DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
        ZK_BASE_DOMAIN: BASE_DOMAIN,
        ZK_KEY_VERIFY_TIMEOUT_MS: '10000',
        ZK_CRASH_AT: '',
      },
      args,
    );

  it('syncs the zone and prints one JSON object per record with its owner', async () => {
    const org = await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Acme', slug: 'acme' },
    );
    const reconciled = await zk(['reconcile', '--org', 'acme']);
    expect(reconciled.code, reconciled.stderr).toBe(0);
    const uid = `uid-${randomUUID()}`;
    await store.db
      .insert(store.t.clusters)
      .values({ id: randomUUID(), orgId: org.id, name: 'prod', uid, status: 'running' });
    const [zone] = await store.db
      .select()
      .from(store.t.hostedZones)
      .where(eq(store.t.hostedZones.orgId, org.id));
    const route53 = new Route53Client({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    });
    await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone!.awsZoneId!,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'web.acme.zonekeeper.test',
                Type: 'CNAME',
                TTL: 300,
                ResourceRecords: [{ Value: 'abc.elb.us-east-1.amazonaws.com' }],
              },
            },
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'cname-web.acme.zonekeeper.test',
                Type: 'TXT',
                TTL: 300,
                ResourceRecords: [
                  {
                    Value: `"heritage=external-dns,external-dns/owner=${uid},external-dns/resource=service/shop/web"`,
                  },
                ],
              },
            },
          ],
        },
      }),
    );
    route53.destroy();

    const synced = await zk(['records', 'sync', '--org', 'acme']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toMatch(/^acme: 4 record sets in 1 calls; 4 added/m);
    expect(synced.stderr).toBe('');

    const listed = await zk(['hostnames', '--org', 'acme', '--status', 'owned', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toContainEqual({
      name: 'web.acme.zonekeeper.test',
      type: 'CNAME',
      targets: ['abc.elb.us-east-1.amazonaws.com'],
      ttl: 300,
      status: 'owned',
      ownerId: uid,
      cluster: 'prod',
      resource: 'service/shop/web',
    });

    const unmanaged = await zk(['hostnames', '--org', 'acme', '--status', 'unmanaged', '--json']);
    const types = unmanaged.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types.sort()).toEqual(['NS', 'SOA']);
  });

  it('refuses an unknown status and an unknown cluster with a message', async () => {
    const status = await zk(['hostnames', '--org', 'acme', '--status', 'mine']);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/"mine" is not a record status; use one of owned, stale/);
    const cluster = await zk(['hostnames', '--org', 'acme', '--cluster', 'nope']);
    expect(cluster.code).toBe(3);
    expect(cluster.stderr).toMatch(/acme has no cluster named "nope"/);
  });

  it('lists orphans, deletes them only with --yes, and leaves unmanaged records alone', async () => {
    const [zone] = await store.db.select().from(store.t.hostedZones);
    const route53 = new Route53Client({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    });
    const record = (name: string, type: 'A' | 'TXT', value: string) => ({
      Action: 'CREATE' as const,
      ResourceRecordSet: { Name: name, Type: type, TTL: 300, ResourceRecords: [{ Value: value }] },
    });
    await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone!.awsZoneId!,
        ChangeBatch: {
          Changes: [
            record('left.acme.zonekeeper.test', 'A', '192.0.2.7'),
            record(
              'a-left.acme.zonekeeper.test',
              'TXT',
              '"heritage=external-dns,external-dns/owner=zkc-gone,external-dns/resource=service/x/left"',
            ),
            record('byhand.acme.zonekeeper.test', 'A', '192.0.2.8'),
          ],
        },
      }),
    );
    route53.destroy();
    expect((await zk(['records', 'sync', '--org', 'acme'])).code).toBe(0);

    const listed = await zk(['records', 'delete-orphans', '--org', 'acme']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^a-left\.acme\.zonekeeper\.test TXT /m);
    expect(listed.stdout).toMatch(/^left\.acme\.zonekeeper\.test A 192\.0\.2\.7 /m);
    expect(listed.stdout).not.toMatch(/byhand/);
    expect(listed.stdout).toMatch(/2 record sets would be deleted; run again with --yes/);

    const deleted = await zk(['records', 'delete-orphans', '--org', 'acme', '--yes']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toMatch(/Deleted 2 record sets in 1 change batches/);
    const names = (await zk(['hostnames', '--org', 'acme', '--json'])).stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { name: string }).name);
    expect(names).toContain('byhand.acme.zonekeeper.test');
    expect(names).not.toContain('left.acme.zonekeeper.test');
    expect(names).not.toContain('a-left.acme.zonekeeper.test');
  });
});
