// The record sync against the sandbox Route 53 through the real SDK, on both stores: every page
// of a zone is listed (300 record sets a call), and a second sync writes only what changed.
import { randomUUID } from 'node:crypto';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  Route53Client,
  type Change,
} from '@aws-sdk/client-route-53';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { syncZoneRecords } from '@/server/hostnames/sync-zone-records';
import { STORE_KINDS, type TestStore } from '../../support/stores';
import { startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('record sync', () => {
  let sandbox: Sandbox;
  let route53: Route53Client;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    route53 = new Route53Client({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    });
  });
  afterAll(async () => {
    route53?.destroy();
    await sandbox?.close();
  });

  const send = (zoneId: string, changes: Change[]) =>
    route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: changes },
      }),
    );

  async function zoneWithRecords(name: string, count: number): Promise<string> {
    const created = await route53.send(
      new CreateHostedZoneCommand({ Name: name, CallerReference: randomUUID() }),
    );
    const zoneId = created.HostedZone!.Id!.replace('/hostedzone/', '');
    const changes: Change[] = Array.from({ length: count }, (_, i) => ({
      Action: 'CREATE',
      ResourceRecordSet: {
        Name: `host-${i}.${name}`,
        Type: 'A',
        TTL: 300,
        ResourceRecords: [{ Value: `192.0.2.${i % 250}` }],
      },
    }));
    for (let i = 0; i < changes.length; i += 500) await send(zoneId, changes.slice(i, i + 500));
    return zoneId;
  }

  for (const kind of STORE_KINDS) {
    describe.skipIf(!kind.available)(kind.name, () => {
      let store: TestStore;
      beforeAll(async () => {
        store = await kind.open();
      });
      afterAll(async () => {
        await store?.destroy();
      });

      async function zoneRow(awsZoneId: string, name: string) {
        const orgId = randomUUID();
        await store.db
          .insert(store.t.organizations)
          .values({ id: orgId, slug: name.split('.')[0]!, displayName: name });
        const [row] = await store.db
          .insert(store.t.hostedZones)
          .values({
            id: randomUUID(),
            orgId,
            generation: 1,
            name,
            awsZoneId,
            callerReference: randomUUID(),
            status: 'ready',
          })
          .returning();
        return row!;
      }

      const rowsOf = (zoneId: string) =>
        store.db
          .select()
          .from(store.t.dnsRecords)
          .where(eq(store.t.dnsRecords.hostedZoneId, zoneId));

      it('lists a 1,000-record zone in 4 calls, then writes only what changed', async () => {
        const name = `sync-${kind.name}.zonekeeper.test`;
        const awsZoneId = await zoneWithRecords(name, 1_000);
        const zone = await zoneRow(awsZoneId, name);

        // 1,000 A records + SOA + NS = 1,002 record sets: pages of 300 make 4 calls.
        const first = await syncZoneRecords(store, zone);
        expect(first).toMatchObject({ listed: 1_002, added: 1_002, changed: 0, removed: 0 });
        expect(first.listCalls).toBe(4);

        await send(awsZoneId, [
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: `host-1.${name}`,
              Type: 'A',
              TTL: 60,
              ResourceRecords: [{ Value: '198.51.100.1' }],
            },
          },
          {
            Action: 'DELETE',
            ResourceRecordSet: {
              Name: `host-2.${name}`,
              Type: 'A',
              TTL: 300,
              ResourceRecords: [{ Value: '192.0.2.2' }],
            },
          },
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: `*.${name}`,
              Type: 'CNAME',
              TTL: 300,
              ResourceRecords: [{ Value: 'lb.example.com' }],
            },
          },
        ]);
        const before = await rowsOf(zone.id);
        const second = await syncZoneRecords(store, zone);
        expect(second).toMatchObject({ listed: 1_002, added: 1, changed: 1, removed: 1 });

        const after = await rowsOf(zone.id);
        expect(after).toHaveLength(1_002);
        expect(after.find((r) => r.name === `host-1.${name}.`)).toMatchObject({
          ttl: 60,
          values: ['198.51.100.1'],
        });
        expect(after.find((r) => r.name === `host-2.${name}.`)).toBeUndefined();
        // Route 53 spells a leading * as \052, and the store keeps its spelling.
        expect(after.find((r) => r.name === `\\052.${name}.`)).toMatchObject({ type: 'CNAME' });
        // Untouched rows keep the time they were last written: no delete-all-and-insert.
        const untouched = after.find((r) => r.name === `host-3.${name}.`)!;
        const untouchedBefore = before.find((r) => r.id === untouched.id);
        expect(untouchedBefore?.syncedAt.getTime()).toBe(untouched.syncedAt.getTime());

        const [zoneAfter] = await store.db
          .select()
          .from(store.t.hostedZones)
          .where(eq(store.t.hostedZones.id, zone.id));
        expect(zoneAfter!.recordCount).toBe(1_002);
        expect(zoneAfter!.recordsSyncedAt?.getTime()).toBe(second.syncedAt.getTime());
      });

      it('reads ownership from the TXT registry: owned, stale, orphan, conflict, unmanaged', async () => {
        const name = `owners-${kind.name}.zonekeeper.test`;
        const awsZoneId = await zoneWithRecords(name, 0);
        const zone = await zoneRow(awsZoneId, name);
        const cluster = async (
          orgId: string,
          clusterName: string,
          status: 'running' | 'stopped' | 'deleted',
        ) => {
          const uid = `uid-${randomUUID()}`;
          await store.db
            .insert(store.t.clusters)
            .values({ id: randomUUID(), orgId, name: clusterName, uid, status });
          return uid;
        };
        const prod = await cluster(zone.orgId, 'prod', 'running');
        const staging = await cluster(zone.orgId, 'staging', 'stopped');
        const gone = await cluster(zone.orgId, 'old', 'deleted');
        const [otherOrg] = await store.db
          .insert(store.t.organizations)
          .values({ id: randomUUID(), slug: `other-${kind.name}`, displayName: 'Other' })
          .returning();
        const foreign = await cluster(otherOrg!.id, 'prod', 'running');

        const a = (host: string, ip: string): Change => ({
          Action: 'CREATE',
          ResourceRecordSet: {
            Name: `${host}.${name}`,
            Type: 'A',
            TTL: 300,
            ResourceRecords: [{ Value: ip }],
          },
        });
        const registry = (txtName: string, owner: string, resource: string): Change => ({
          Action: 'CREATE',
          ResourceRecordSet: {
            Name: `${txtName}.${name}`,
            Type: 'TXT',
            TTL: 300,
            ResourceRecords: [
              {
                Value: `"heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}"`,
              },
            ],
          },
        });
        await send(awsZoneId, [
          a('web', '192.0.2.10'),
          registry('a-web', prod, 'service/shop/web'),
          a('docs', '192.0.2.11'),
          registry('a-docs', staging, 'service/docs/docs'),
          a('legacy', '192.0.2.12'),
          registry('a-legacy', gone, 'ingress/legacy/legacy'),
          a('stolen', '192.0.2.13'),
          registry('a-stolen', foreign, 'service/x/stolen'),
          a('manual', '192.0.2.14'),
        ]);
        await syncZoneRecords(store, zone);
        let rows = await rowsOf(zone.id);
        const of = (host: string) =>
          rows.find((r) => r.name === `${host}.${name}.` && r.type === 'A');
        expect(of('web')).toMatchObject({
          ownership: 'owned',
          ownerId: prod,
          resource: 'service/shop/web',
        });
        expect(of('docs')).toMatchObject({ ownership: 'stale', ownerId: staging });
        expect(of('legacy')).toMatchObject({ ownership: 'orphan', ownerId: gone });
        expect(of('legacy')!.ownershipReason).toMatch(/old/);
        expect(of('stolen')).toMatchObject({ ownership: 'conflict' });
        expect(of('stolen')!.clusterId).toBeNull();
        expect(of('manual')).toMatchObject({ ownership: 'unmanaged', ownerId: null });

        // Nothing moved: a second sync writes no ownership.
        expect((await syncZoneRecords(store, zone)).ownershipChanged).toBe(0);
        // The stopped cluster runs again: its record becomes owned on the next sync.
        await store.db
          .update(store.t.clusters)
          .set({ status: 'running' })
          .where(eq(store.t.clusters.uid, staging));
        expect((await syncZoneRecords(store, zone)).ownershipChanged).toBeGreaterThanOrEqual(1);
        rows = await rowsOf(zone.id);
        expect(of('docs')).toMatchObject({ ownership: 'owned' });
      });
    });
  }
});
