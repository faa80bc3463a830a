// The hostname map's query, CSV export and explicit orphan deletion, on both stores, over a zone
// in the sandbox Route 53 synced through the real SDK.
import { randomUUID } from 'node:crypto';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Change,
} from '@aws-sdk/client-route-53';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostedZone } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { deleteOrphans, previewOrphanDeletion } from '@/server/hostnames/delete-orphans';
import { exportHostnamesCsv } from '@/server/hostnames/export-hostnames';
import { DEFAULT_HOSTNAME_QUERY, type HostnameQuery } from '@/server/hostnames/hostname-query';
import { findClusterByName } from '@/server/hostnames/list-cluster-names';
import { searchHostnames } from '@/server/hostnames/search-hostnames';
import { syncZoneRecords } from '@/server/hostnames/sync-zone-records';
import { STORE_KINDS, type TestStore } from '../../support/stores';
import { startProvisioningSandbox } from '../provisioning/provisioning-env';

const actor = { type: 'user' as const, id: 'u-1', label: 'admin@acme.test' };

describe('hostname map', () => {
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

  const send = async (zoneId: string, changes: Change[]) => {
    for (let i = 0; i < changes.length; i += 500) {
      await route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: { Changes: changes.slice(i, i + 500) },
        }),
      );
    }
  };
  const a = (name: string, ip: string): Change => ({
    Action: 'CREATE',
    ResourceRecordSet: { Name: name, Type: 'A', TTL: 300, ResourceRecords: [{ Value: ip }] },
  });
  const cname = (name: string, target: string, ttl: number): Change => ({
    Action: 'CREATE',
    ResourceRecordSet: {
      Name: name,
      Type: 'CNAME',
      TTL: ttl,
      ResourceRecords: [{ Value: target }],
    },
  });
  const registry = (name: string, owner: string, resource: string): Change => ({
    Action: 'CREATE',
    ResourceRecordSet: {
      Name: name,
      Type: 'TXT',
      TTL: 300,
      ResourceRecords: [
        {
          Value: `"heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}"`,
        },
      ],
    },
  });

  for (const kind of STORE_KINDS) {
    describe.skipIf(!kind.available)(kind.name, () => {
      let store: TestStore;
      beforeAll(async () => {
        store = await kind.open();
      });
      afterAll(async () => {
        await store?.destroy();
      });

      /** An org with a ready zone in Route 53 and in the store, and its clusters. */
      async function orgWithZone(slug: string) {
        const name = `${slug}.zonekeeper.test`;
        const created = await route53.send(
          new CreateHostedZoneCommand({ Name: name, CallerReference: randomUUID() }),
        );
        const awsZoneId = created.HostedZone!.Id!.replace('/hostedzone/', '');
        const [org] = await store.db
          .insert(store.t.organizations)
          .values({ id: randomUUID(), slug, displayName: slug })
          .returning();
        const [zone] = await store.db
          .insert(store.t.hostedZones)
          .values({
            id: randomUUID(),
            orgId: org!.id,
            generation: 1,
            name,
            awsZoneId,
            callerReference: randomUUID(),
            status: 'ready',
          })
          .returning();
        const cluster = async (clusterName: string, status: 'running' | 'deleted') => {
          const uid = `zkc-${randomUUID()}`;
          await store.db
            .insert(store.t.clusters)
            .values({ id: randomUUID(), orgId: org!.id, name: clusterName, uid, status });
          return uid;
        };
        return { org: org!, zone: zone! as HostedZone, name, awsZoneId, cluster };
      }

      const listedNames = async (awsZoneId: string) => {
        const names: string[] = [];
        let start: { name?: string; type?: string } = {};
        for (;;) {
          const out = await route53.send(
            new ListResourceRecordSetsCommand({
              HostedZoneId: awsZoneId,
              MaxItems: 300,
              StartRecordName: start.name,
              StartRecordType: start.type as never,
            }),
          );
          names.push(...(out.ResourceRecordSets ?? []).map((r) => `${r.Name} ${r.Type}`));
          if (!out.IsTruncated) return names;
          start = { name: out.NextRecordName, type: out.NextRecordType };
        }
      };

      let acme: Awaited<ReturnType<typeof orgWithZone>>;
      let globex: Awaited<ReturnType<typeof orgWithZone>>;
      beforeAll(async () => {
        acme = await orgWithZone(`acme-${kind.name}`);
        globex = await orgWithZone(`globex-${kind.name}`);
        const prod = await acme.cluster('prod', 'running');
        const old = await acme.cluster('old', 'deleted');
        const d = acme.name;
        await send(acme.awsZoneId, [
          a(`web.${d}`, '192.0.2.10'),
          registry(`a-web.${d}`, prod, 'service/shop/web'),
          cname(`api.${d}`, 'lb-1.elb.example.com', 60),
          registry(`cname-api.${d}`, prod, 'ingress/shop/api'),
          a(`legacy.${d}`, '192.0.2.12'),
          registry(`a-legacy.${d}`, old, 'service/legacy/legacy'),
          a(`ghost.${d}`, '192.0.2.13'),
          registry(`a-ghost.${d}`, 'zkc-nobody', 'service/x/ghost'),
          a(`manual.${d}`, '192.0.2.14'),
          a(`100pct.${d}`, '192.0.2.15'),
          cname(`*.${d}`, 'wild.example.com', 300),
          // Enough for more than one page of the map and of the CSV's reads.
          ...Array.from({ length: 1_100 }, (_, i) => a(`bulk-${i}.${d}`, `198.51.100.${i % 250}`)),
        ]);
        const globexProd = await globex.cluster('prod', 'running');
        await send(globex.awsZoneId, [
          a(`web.${globex.name}`, '192.0.2.10'),
          registry(`a-web.${globex.name}`, globexProd, 'service/shop/web'),
        ]);
        await syncZoneRecords(store, acme.zone);
        await syncZoneRecords(store, globex.zone);
      });

      const search = (change: Partial<HostnameQuery>, orgId: string | null = acme.org.id) =>
        searchHostnames(store, { orgId }, { ...DEFAULT_HOSTNAME_QUERY, ...change });

      it('counts every status, and pages through the rest in name order', async () => {
        const all = await search({});
        // 1,100 bulk + 11 named + SOA + NS.
        expect(all.total).toBe(1_113);
        expect(all.counts).toEqual({
          owned: 4,
          stale: 0,
          orphan: 4,
          conflict: 0,
          unmanaged: 1_105,
        });
        expect(all.rows).toHaveLength(50);
        expect(all.pageCount).toBe(23);
        const last = await search({ page: 23 });
        expect(last.rows).toHaveLength(1_113 - 22 * 50);
        // Past the end: the last page, not an empty one.
        expect((await search({ page: 99 })).rows.map((r) => r.id)).toEqual(
          last.rows.map((r) => r.id),
        );
        // In the order of the names as Route 53 spells them: `*` is listed as \052, so it is
        // left out of the check against the decoded names' order.
        const names = all.rows.map((r) => r.name).filter((n) => !n.startsWith('*'));
        expect(names).toEqual([...names].sort());
        const seen = new Set<string>();
        for (let page = 1; page <= 23; page += 1) {
          for (const row of (await search({ page })).rows) seen.add(row.id);
        }
        expect(seen.size).toBe(1_113);
      });

      it('searches hostname, target and resource, taking LIKE wildcards literally', async () => {
        const names = async (q: string) =>
          (await search({ search: q })).rows.map((r) => `${r.name} ${r.type}`);
        expect(await names('legacy')).toEqual([
          `a-legacy.${acme.name} TXT`,
          `legacy.${acme.name} A`,
        ]);
        expect(await names('LB-1.ELB')).toEqual([`api.${acme.name} CNAME`]);
        expect(await names('ingress/shop')).toEqual([
          `api.${acme.name} CNAME`,
          `cname-api.${acme.name} TXT`,
        ]);
        expect(await names('*.')).toEqual([`*.${acme.name} CNAME`]);
        // `%` and `_` are characters here, not wildcards.
        expect(await names('%')).toEqual([]);
        expect(await names('bulk_1')).toEqual([]);
        expect(await names("'; drop table dns_records; --")).toEqual([]);
        expect((await search({})).total).toBe(1_113);
      });

      it('filters by cluster, status and type, and sorts both ways', async () => {
        const prod = await search({ cluster: 'prod' });
        expect(prod.rows.map((r) => `${r.name} ${r.type}`).sort()).toEqual(
          [
            `a-web.${acme.name} TXT`,
            `api.${acme.name} CNAME`,
            `cname-api.${acme.name} TXT`,
            `web.${acme.name} A`,
          ].sort(),
        );
        const web = prod.rows.find((r) => r.type === 'A')!;
        expect(web).toMatchObject({
          cluster: 'prod',
          resource: 'service/shop/web',
          status: 'owned',
        });
        const orphans = await search({ status: 'orphan', type: 'A' });
        expect(orphans.rows.map((r) => r.name)).toEqual([
          `ghost.${acme.name}`,
          `legacy.${acme.name}`,
        ]);
        expect(orphans.rows[0]!.reason).toMatch(/zkc-nobody matches no cluster/);
        // Counts ignore the status filter (they are the tabs), not the others.
        expect(orphans.counts.orphan).toBe(2);
        expect(orphans.counts.owned).toBe(1);
        const byTtl = await search({ sort: 'ttl', direction: 'desc', type: 'CNAME' });
        expect(byTtl.rows.map((r) => r.ttl)).toEqual([300, 60]);
      });

      it("never shows another org's records in an org's map; the platform view shows all", async () => {
        const acmeAll = await search({ search: 'web', org: globex.org.slug });
        expect(acmeAll.rows.every((r) => r.orgSlug === acme.org.slug)).toBe(true);
        const globexOnly = await search({ search: 'web' }, globex.org.id);
        expect(globexOnly.rows.map((r) => r.orgSlug)).toEqual([globex.org.slug, globex.org.slug]);
        const platform = await search({ search: 'web.', org: globex.org.slug }, null);
        expect(platform.rows.map((r) => r.name)).toEqual([
          `a-web.${globex.name}`,
          `web.${globex.name}`,
        ]);
        // The platform view's counts follow its org filter too (they join the org by slug).
        expect(platform.total).toBe(2);
        expect(platform.counts).toMatchObject({ owned: 2, unmanaged: 0, orphan: 0 });
        expect((await search({ search: 'a-web.' }, null)).total).toBe(2);
      });

      it("finds a cluster page's cluster within the org only", async () => {
        // Both orgs have a "prod"; only acme has an "old".
        const acmeProd = await findClusterByName(store, acme.org.id, 'prod');
        const globexProd = await findClusterByName(store, globex.org.id, 'prod');
        expect(acmeProd?.id).toBeDefined();
        expect(globexProd?.id).toBeDefined();
        expect(acmeProd!.id).not.toBe(globexProd!.id);
        expect(await findClusterByName(store, globex.org.id, 'old')).toBeNull();
        expect((await findClusterByName(store, acme.org.id, 'old'))?.status).toBe('deleted');
      });

      it('exports the filtered set as CSV, across reads of 1,000 rows', async () => {
        let text = '';
        for await (const chunk of exportHostnamesCsv(
          store,
          { orgId: acme.org.id },
          { ...DEFAULT_HOSTNAME_QUERY, status: 'unmanaged' },
        ))
          text += chunk;
        const lines = text.trimEnd().split('\r\n');
        expect(lines[0]).toBe(
          'org,hostname,type,set_identifier,targets,ttl,status,reason,owner_id,cluster,resource,synced_at',
        );
        expect(lines).toHaveLength(1 + 1_105);
        expect(new Set(lines).size).toBe(lines.length);
        expect(lines.slice(1).every((l) => l.includes(',unmanaged,'))).toBe(true);
        expect(lines.some((l) => l.includes(globex.org.slug))).toBe(false);
      });

      it('deletes exactly the previewed orphans and their registry records, never unmanaged ones', async () => {
        const preview = await previewOrphanDeletion(store, acme.org);
        expect(preview.records.map((r) => `${r.hostname} ${r.type}`)).toEqual([
          `a-ghost.${acme.name} TXT`,
          `a-legacy.${acme.name} TXT`,
          `ghost.${acme.name} A`,
          `legacy.${acme.name} A`,
        ]);
        // A stale digest: refused, and nothing is deleted.
        await expect(
          deleteOrphans({ store, actor, org: acme.org }, '0'.repeat(64)),
        ).rejects.toThrow(/changed since the preview/);
        expect(await listedNames(acme.awsZoneId)).toContain(`legacy.${acme.name}. A`);

        // A new orphan appears after the preview: the preview no longer holds, refused.
        await send(acme.awsZoneId, [
          a(`late.${acme.name}`, '192.0.2.99'),
          registry(`a-late.${acme.name}`, 'zkc-nobody', 'service/x/late'),
        ]);
        await expect(
          deleteOrphans({ store, actor, org: acme.org }, preview.digest),
        ).rejects.toThrow(/changed since the preview/);
        expect(await listedNames(acme.awsZoneId)).toContain(`ghost.${acme.name}. A`);

        const next = await previewOrphanDeletion(store, acme.org);
        expect(next.records).toHaveLength(6);
        const result = await deleteOrphans({ store, actor, org: acme.org }, next.digest);
        expect(result).toEqual({ deleted: 6, batches: 1 });
        const left = await listedNames(acme.awsZoneId);
        for (const gone of ['legacy', 'a-legacy', 'ghost', 'a-ghost', 'late', 'a-late']) {
          expect(left.some((n) => n.startsWith(`${gone}.${acme.name}.`))).toBe(false);
        }
        expect(left).toContain(`manual.${acme.name}. A`);
        expect(left).toContain(`web.${acme.name}. A`);
        const after = await search({});
        expect(after.counts.orphan).toBe(0);
        expect(after.counts.unmanaged).toBe(1_105);

        const events = await store.db
          .select()
          .from(store.t.auditEvents)
          .where(
            and(
              eq(store.t.auditEvents.orgId, acme.org.id),
              eq(store.t.auditEvents.action, 'records.orphans_deleted'),
            ),
          );
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          outcome: 'success',
          actorLabel: 'admin@acme.test',
          target: acme.awsZoneId,
        });
        expect(events[0]!.detail).toMatchObject({ records: 6, batches: 1 });
      });
    });
  }
});
