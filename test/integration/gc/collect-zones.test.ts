// The collector end to end against the sandbox, through the CLI an operator uses: an idle org's
// young zone is planned for deletion now, approved, and collected — delegation, records, zone —
// while its IAM user stays; a second run does nothing; a pinned org is refused a forced deletion;
// a zone Route 53 had already deleted is recorded as gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  ChangeResourceRecordSetsCommand,
  DeleteHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createOrganization } from '@/server/orgs/create-organization';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { runZk } from '../../support/zk-cli';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('the collector against the sandbox', () => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;
  let route53: Route53Client;
  let iam: IAMClient;
  const orgIds: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-gc-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    const config = {
      region: 'us-east-1',
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    };
    route53 = new Route53Client({ ...config, endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53 });
    iam = new IAMClient({ ...config, endpoint: sandbox.env.AWS_ENDPOINT_URL_IAM });
    for (const slug of ['acme', 'globex', 'initech', 'hooli']) {
      const org = await createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: slug, slug },
      );
      orgIds[slug] = org.id;
      // No running cluster: one that ran and stopped.
      await store.db.insert(store.t.clusters).values({
        id: randomUUID(),
        orgId: org.id,
        name: 'prod',
        uid: `uid-${randomUUID()}`,
        status: 'stopped',
      });
    }
    const pass = await reconcilePass(store, SYSTEM_ACTOR);
    expect(pass.results.map((r) => r.outcome)).toEqual(['ready', 'ready', 'ready', 'ready']);
    // No grace period, so that a zone made a moment ago is inside its free window and idle.
    await store.db
      .insert(store.t.settings)
      .values({ key: 'gc', value: { gracePeriodMs: 0, mode: 'manual' } });
  });
  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const zk = (args: string[], crashAt = '') =>
    runZk(
      {
        ...process.env,
        ...sandbox.env,
        DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
        ZK_BASE_DOMAIN: BASE_DOMAIN,
        ZK_CRASH_AT: crashAt,
      },
      args,
    );
  const zoneOf = async (slug: string) => {
    const z = store.t.hostedZones;
    const [zone] = await store.db.select().from(z).where(eq(z.orgId, orgIds[slug]!));
    return zone!;
  };
  const parentNsOf = async (slug: string) => {
    const records = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: await parentZone(),
        StartRecordName: `${slug}.${BASE_DOMAIN}`,
        StartRecordType: 'NS',
        MaxItems: 1,
      }),
    );
    return (records.ResourceRecordSets ?? []).filter(
      (r) => r.Name === `${slug}.${BASE_DOMAIN}.` && r.Type === 'NS',
    );
  };
  const parentZone = async () => {
    const zones = await route53.send(new ListHostedZonesByNameCommand({ DNSName: BASE_DOMAIN }));
    return zones.HostedZones!.find((z) => z.Name === `${BASE_DOMAIN}.`)!.Id!;
  };
  const zoneDeletedEvents = async (zoneId: string) => {
    const a = store.t.auditEvents;
    return store.db
      .select()
      .from(a)
      .where(and(eq(a.action, 'zone.deleted'), eq(a.target, zoneId)));
  };

  it('plans deleting the idle young zone now, in the documented JSON shape', async () => {
    const run = await zk(['gc', 'plan', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as Record<string, unknown>[];
    const acme = plan.find((d) => d.org === 'acme')!;
    expect(Object.keys(acme)).toEqual(['org', 'zoneId', 'action', 'at', 'reason']);
    expect(acme).toMatchObject({ zoneId: (await zoneOf('acme')).awsZoneId, action: 'delete-now' });
    expect(acme.reason).toContain('deleted now, it costs nothing');
    // The dry run wrote nothing.
    expect(await store.db.select().from(store.t.gcDecisions)).toEqual([]);
  });

  it('refuses to force the deletion of a pinned org, with the reason', async () => {
    expect((await zk(['gc', 'pin', '--org', 'globex'])).code).toBe(0);
    const forced = await zk(['gc', 'force', '--org', 'globex']);
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toContain('globex is pinned');
    expect((await zoneOf('globex')).status).toBe('ready');
  });

  it('collects the approved zone: delegation, records and zone go, the IAM user stays', async () => {
    const acme = await zoneOf('acme');
    await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: acme.awsZoneId!,
        ChangeBatch: {
          Changes: ['web', 'api', 'mail'].map((name) => ({
            Action: 'CREATE' as const,
            ResourceRecordSet: {
              Name: `${name}.acme.${BASE_DOMAIN}`,
              Type: 'TXT' as const,
              TTL: 300,
              ResourceRecords: [{ Value: `"${name}"` }],
            },
          })),
        },
      }),
    );
    expect(await parentNsOf('acme')).toHaveLength(1);
    // Manual mode: nothing is due before a person approves.
    const early = await zk(['gc', 'run']);
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toContain('Nothing is due.');
    const approved = await zk(['gc', 'approve', '--org', 'acme']);
    expect(approved.code, approved.stderr).toBe(0);

    const run = await zk(['gc', 'run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`acme ${acme.awsZoneId}: zone collected`);
    await expect(
      route53.send(new GetHostedZoneCommand({ Id: acme.awsZoneId! })),
    ).rejects.toMatchObject({ name: 'NoSuchHostedZone' });
    expect(await parentNsOf('acme')).toEqual([]);
    const [credential] = await store.db
      .select()
      .from(store.t.iamCredentials)
      .where(eq(store.t.iamCredentials.orgId, orgIds.acme!));
    const user = await iam.send(new GetUserCommand({ UserName: credential!.iamUserName }));
    expect(user.User?.UserName).toBe(credential!.iamUserName);
    expect(credential!.status).toBe('ready');
    expect(await zoneOf('acme')).toMatchObject({ status: 'deleted', delegationState: 'missing' });
    expect((await zoneOf('acme')).deletedAt).toBeInstanceOf(Date);
    const [decision] = await store.db
      .select()
      .from(store.t.gcDecisions)
      .where(eq(store.t.gcDecisions.orgId, orgIds.acme!));
    expect(decision).toMatchObject({ status: 'done', action: 'delete-now' });
    const status = await zk(['status', '--org', 'acme']);
    expect(status.stdout).toContain('zone collected — it comes back when a cluster runs');
    // The pinned org was never touched.
    expect((await zoneOf('globex')).status).toBe('ready');
  });

  it('does nothing on a second run: the zone was deleted exactly once', async () => {
    const acme = await zoneOf('acme');
    const again = await zk(['gc', 'run']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('zone collected');
    expect(await zoneDeletedEvents(acme.awsZoneId!)).toHaveLength(1);
  });

  it('brings the zone back as a new generation when a cluster runs again, the policy moved to it', async () => {
    const old = await zoneOf('acme');
    const c = store.t.clusters;
    await store.db.update(c).set({ status: 'running' }).where(eq(c.orgId, orgIds.acme!));
    const [before] = await store.db
      .select()
      .from(store.t.iamCredentials)
      .where(eq(store.t.iamCredentials.orgId, orgIds.acme!));
    const run = await zk(['gc', 'run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('acme: zone comes back (generation 2, cluster prod)');
    const pass = await reconcilePass(store, SYSTEM_ACTOR);
    expect(pass.results).toEqual([{ slug: 'acme', outcome: 'ready' }]);

    const z = store.t.hostedZones;
    const [fresh] = await store.db
      .select()
      .from(z)
      .where(and(eq(z.orgId, orgIds.acme!), eq(z.generation, 2)));
    expect(fresh).toMatchObject({ status: 'ready', delegationState: 'matches' });
    expect(fresh!.awsZoneId).not.toBe(old.awsZoneId);
    await route53.send(new GetHostedZoneCommand({ Id: fresh!.awsZoneId! }));
    expect(await parentNsOf('acme')).toHaveLength(1);
    const [after] = await store.db
      .select()
      .from(store.t.iamCredentials)
      .where(eq(store.t.iamCredentials.orgId, orgIds.acme!));
    // The same identity and key; only the policy's document moved to the new zone.
    expect(after!.accessKeyId).toBe(before!.accessKeyId);
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: after!.policyArn! }));
    const version = await iam.send(
      new GetPolicyVersionCommand({
        PolicyArn: after!.policyArn!,
        VersionId: policy.Policy!.DefaultVersionId!,
      }),
    );
    const document = decodeURIComponent(version.PolicyVersion!.Document!);
    expect(document).toContain(`hostedzone/${fresh!.awsZoneId}`);
    expect(document).not.toContain(`hostedzone/${old.awsZoneId}"`);
    // Running, it is kept.
    const plan = JSON.parse((await zk(['gc', 'plan', '--json'])).stdout) as {
      org: string;
      action: string;
    }[];
    expect(plan.find((d) => d.org === 'acme')?.action).toBe('keep');
  });

  it('records a zone Route 53 had already deleted as gone, not as a failure', async () => {
    const initech = await zoneOf('initech');
    await route53.send(new DeleteHostedZoneCommand({ Id: initech.awsZoneId! }));
    const forced = await zk(['gc', 'force', '--org', 'initech']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('zone collected (Route 53 had already deleted it)');
    expect(await zoneOf('initech')).toMatchObject({ status: 'deleted' });
    expect(await parentNsOf('initech')).toEqual([]);
    expect(await zoneDeletedEvents(initech.awsZoneId!)).toEqual([]);
  });

  it('resumes a collection a crash cut short after the delegation went, deleting the zone once', async () => {
    const hooli = await zoneOf('hooli');
    const crashed = await zk(['gc', 'force', '--org', 'hooli'], 'gc:delegation-removed');
    expect(crashed.code).toBe(86);
    // An earlier run proposed its deletion; the force replaced that with its own decision.
    const decisions = await store.db
      .select()
      .from(store.t.gcDecisions)
      .where(eq(store.t.gcDecisions.orgId, orgIds.hooli!));
    expect(decisions.map((d) => d.status).sort()).toEqual(['cancelled', 'executing']);
    expect(await parentNsOf('hooli')).toEqual([]);
    // The zone is still there: the crash came before its records and the zone itself.
    await route53.send(new GetHostedZoneCommand({ Id: hooli.awsZoneId! }));

    const resumed = await zk(['gc', 'run']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`hooli ${hooli.awsZoneId}: zone collected`);
    await expect(
      route53.send(new GetHostedZoneCommand({ Id: hooli.awsZoneId! })),
    ).rejects.toMatchObject({ name: 'NoSuchHostedZone' });
    expect(await zoneDeletedEvents(hooli.awsZoneId!)).toHaveLength(1);
    expect((await zk(['gc', 'run'])).stdout).not.toContain('zone collected');
  });
});
