// The executor's last re-check, against the sandbox: a decision already claimed (executing) is
// still cancelled when the org is pinned or one of its clusters runs before the delegation goes,
// and the zone and its delegation stay. A collection a crash cut short after the delegation was
// removed, whose org then runs a cluster, is cancelled on resume and the reconciler puts the
// delegation back (the forced decision survived the refresh of its own pass, though the org was
// inside its grace period: only a pin or a running cluster cancels an approved one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { collectDueZones } from '@/server/gc/collect-due-zones';
import { forceGcCollection } from '@/server/gc/force-gc-collection';
import { setGcPin } from '@/server/gc/set-gc-pin';
import { createOrganization } from '@/server/orgs/create-organization';
import { whileHoldingLease } from '@/server/provisioning/leader-lease';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { runZk } from '../../support/zk-cli';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

describe("the executor's last re-check before the delegation goes", () => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;
  let route53: Route53Client;
  const orgIds: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-gc-recheck-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    route53 = new Route53Client({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    });
    for (const slug of ['pinned-late', 'started-late', 'crashed']) {
      const org = await createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: slug, slug },
      );
      orgIds[slug] = org.id;
      await store.db.insert(store.t.clusters).values({
        id: randomUUID(),
        orgId: org.id,
        name: 'prod',
        uid: `uid-${randomUUID()}`,
        status: 'stopped',
      });
    }
    expect((await reconcilePass(store, SYSTEM_ACTOR)).results).toHaveLength(3);
  });
  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const zoneOf = async (slug: string) => {
    const z = store.t.hostedZones;
    return (await store.db.select().from(z).where(eq(z.orgId, orgIds[slug]!)))[0]!;
  };
  const delegationOf = async (slug: string) => {
    const parent = sandbox.parentZone.id;
    const records = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: parent,
        StartRecordName: `${slug}.${BASE_DOMAIN}`,
        StartRecordType: 'NS',
        MaxItems: 1,
      }),
    );
    return (records.ResourceRecordSets ?? []).filter(
      (r) => r.Name === `${slug}.${BASE_DOMAIN}.` && r.Type === 'NS',
    );
  };
  const claim = async (slug: string) => {
    const decision = await forceGcCollection(store, SYSTEM_ACTOR, { orgSlug: slug });
    const d = store.t.gcDecisions;
    await store.db.update(d).set({ status: 'executing' }).where(eq(d.id, decision.id));
    return decision;
  };
  // One replica throughout, releasing the lease after each run so that the CLI may take it.
  const replica = `test-${randomUUID()}`;
  const execute = (slug: string) =>
    whileHoldingLease(store, 'reconciler', replica, 15_000, (lease) =>
      collectDueZones(store, SYSTEM_ACTOR, { lease, orgIds: [orgIds[slug]!] }),
    );
  const expectZoneKept = async (slug: string) => {
    const zone = await zoneOf(slug);
    expect(zone.status).toBe('ready');
    await route53.send(new GetHostedZoneCommand({ Id: zone.awsZoneId! }));
    expect(await delegationOf(slug)).toHaveLength(1);
  };

  it('cancels a claimed collection when the org was pinned since', async () => {
    const decision = await claim('pinned-late');
    // A pin cancels open decisions, but this one is already executing: the re-check catches it.
    expect(await setGcPin(store, SYSTEM_ACTOR, { orgSlug: 'pinned-late', pinned: true })).toEqual({
      changed: true,
      cancelled: 0,
    });
    const [result] = await execute('pinned-late');
    expect(result).toMatchObject({ outcome: 'cancelled' });
    expect(result!.outcome === 'cancelled' && result!.reason).toContain('pinned-late is pinned');
    const [row] = await store.db
      .select()
      .from(store.t.gcDecisions)
      .where(eq(store.t.gcDecisions.id, decision.id));
    expect(row!.status).toBe('cancelled');
    await expectZoneKept('pinned-late');
  });

  it('cancels a claimed collection when a cluster of the org runs since', async () => {
    await claim('started-late');
    const c = store.t.clusters;
    await store.db.update(c).set({ status: 'running' }).where(eq(c.orgId, orgIds['started-late']!));
    const [result] = await execute('started-late');
    expect(result).toMatchObject({ outcome: 'cancelled' });
    expect(result!.outcome === 'cancelled' && result!.reason).toContain(
      'Cluster prod of started-late is running',
    );
    await expectZoneKept('started-late');
  });

  it('puts the delegation back when a crashed collection is cancelled on resume', async () => {
    const env = {
      ...process.env,
      ...sandbox.env,
      DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
      ZK_BASE_DOMAIN: BASE_DOMAIN,
    };
    const crashed = await runZk({ ...env, ZK_CRASH_AT: 'gc:delegation-removed' }, [
      'gc',
      'force',
      '--org',
      'crashed',
    ]);
    expect(crashed.code, crashed.stdout + crashed.stderr).toBe(86);
    expect(await delegationOf('crashed')).toEqual([]);
    // The dead process's lease runs out (as it would after its period) for the next leader.
    await store.db.update(store.t.leases).set({ expiresAt: new Date(Date.now() - 1) });
    const c = store.t.clusters;
    await store.db.update(c).set({ status: 'running' }).where(eq(c.orgId, orgIds.crashed!));
    const [result] = await execute('crashed');
    expect(result).toMatchObject({ outcome: 'cancelled' });
    const s = store.t.provisioningSteps;
    const [step] = await store.db
      .select()
      .from(s)
      .where(and(eq(s.orgId, orgIds.crashed!), eq(s.step, 'delegation')));
    expect(step!.status).toBe('pending');
    // Every resumed-and-cancelled collection has its delegation checked again (the earlier two
    // were claimed as a crash leaves them); all are ready, crashed's delegation made anew.
    const pass = await reconcilePass(store, SYSTEM_ACTOR);
    expect(pass.results).toContainEqual({ slug: 'crashed', outcome: 'ready' });
    expect(pass.results.every((r) => r.outcome === 'ready')).toBe(true);
    await expectZoneKept('crashed');
  });
});
