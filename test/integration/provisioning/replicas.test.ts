// Several replicas on one PostgreSQL database: two real `zk run` processes share one sandbox and one
// database. Exactly one leads; every org is provisioned exactly once (one zone, one user, one key,
// one creation in the audit trail); after kill -9 of the leader the other takes over and
// provisions an org created after the kill.
import {
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createOrganization } from '@/server/orgs/create-organization';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import { RECONCILER_LEASE } from '@/server/provisioning/reconciler-loop';
import { createPostgresTestDatabase, postgresAvailable } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';
import { ledAt, passesOf, startReplica, type Replica } from './replica-process';

const ORGS = 6;
// Short enough that the takeover after kill -9 happens within seconds, long enough that a replica
// renewing every third of it never loses the lease on a busy machine.
const LEASE_TTL_MS = 4_000;
// Upper bounds on waiting for a condition, not measurements: the assertions are about outcomes.
const CONVERGE_WITHIN_MS = 60_000;

describe.skipIf(!postgresAvailable)(
  'several reconciler replicas on one PostgreSQL database',
  () => {
    let sandbox: Sandbox;
    let database: { url: string; drop(): Promise<void> };
    let store: Store;
    let aws: { route53: Route53Client; iam: IAMClient };
    let replicaEnv: Record<string, string>;
    const replicas: Replica[] = [];

    beforeAll(async () => {
      sandbox = await startProvisioningSandbox();
      database = await createPostgresTestDatabase();
      store = await openStore({ dialect: 'postgres', url: database.url });
      const config = {
        region: 'us-east-1',
        credentials: {
          accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
          secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
        },
      };
      aws = {
        route53: new Route53Client({ ...config, endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53 }),
        iam: new IAMClient({ ...config, endpoint: sandbox.env.AWS_ENDPOINT_URL_IAM }),
      };
      replicaEnv = {
        ...sandbox.env,
        DATABASE_URL: database.url,
        ZK_BASE_DOMAIN: BASE_DOMAIN,
        ZK_LEASE_TTL_MS: String(LEASE_TTL_MS),
        ZK_RECONCILE_INTERVAL_MS: '500',
        ZK_KEY_VERIFY_TIMEOUT_MS: '10000',
        ZK_CRASH_AT: '',
      };
    });
    afterAll(async () => {
      for (const replica of replicas) {
        if (replica.child.exitCode === null && replica.child.signalCode === null) {
          replica.child.kill('SIGKILL');
          await replica.exited;
        }
      }
      await store?.close();
      await database?.drop();
      await sandbox?.close();
    });

    const newOrg = (slug: string) =>
      createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: slug, slug },
      );

    async function waitFor(what: string, condition: () => Promise<boolean> | boolean) {
      const deadline = Date.now() + CONVERGE_WITHIN_MS;
      while (!(await condition())) {
        if (Date.now() > deadline)
          throw new Error(
            `Gave up waiting for ${what}.\n${replicas.map((r) => r.output()).join('\n')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }

    const allReady = async (orgs: Organization[]) => {
      const t = store.t.organizations;
      const rows = await store.db
        .select()
        .from(t)
        .where(
          inArray(
            t.id,
            orgs.map((o) => o.id),
          ),
        );
      return rows.every((row) => row.status === 'ready');
    };

    /** One zone, one user with the one key that is in the DB, one creation of each in the audit. */
    async function expectProvisionedOnce(org: Organization) {
      const names = orgResourceNames(org, BASE_DOMAIN);
      const zones = await aws.route53.send(
        new ListHostedZonesByNameCommand({ DNSName: names.zoneName }),
      );
      expect(zones.HostedZones?.filter((z) => z.Name === `${names.zoneName}.`)).toHaveLength(1);
      await aws.iam.send(new GetUserCommand({ UserName: names.iamUserName }));
      const keys = await aws.iam.send(new ListAccessKeysCommand({ UserName: names.iamUserName }));
      expect(keys.AccessKeyMetadata).toHaveLength(1);
      const events = await store.db
        .select()
        .from(store.t.auditEvents)
        .where(eq(store.t.auditEvents.orgId, org.id));
      const count = (action: string) => events.filter((e) => e.action === action).length;
      expect({
        zones: count('zone.created') + count('zone.adopted'),
        users: count('iam.user_created') + count('iam.user_adopted'),
        keys: count('access_key.created'),
      }).toEqual({ zones: 1, users: 1, keys: 1 });
    }

    it('one leader provisions each org exactly once; the standby takes over after kill -9', async () => {
      const orgs: Organization[] = [];
      for (let i = 0; i < ORGS; i += 1) orgs.push(await newOrg(`replica-${i}`));
      replicas.push(startReplica('a', replicaEnv), startReplica('b', replicaEnv));

      await waitFor(`${ORGS} orgs to be ready`, () => allReady(orgs));
      // The pass logs its results once the steps after provisioning (ExternalDNS, keys, TLS,
      // records) are done too, a little after the orgs are ready in the store.
      await waitFor('the pass that provisioned them to be logged', () =>
        replicas.some((r) => {
          const results = passesOf(r).flatMap((p) => p.results);
          return orgs.every((org) => results.includes(`${org.slug}:ready`));
        }),
      );
      for (const org of orgs) await expectProvisionedOnce(org);

      // Exactly one replica ever took the lease, and every org appears in its passes only.
      const leaders = replicas.filter((r) => ledAt(r).length > 0);
      expect(leaders.map((r) => r.name)).toHaveLength(1);
      const [leader] = leaders;
      const standby = replicas.find((r) => r !== leader)!;
      expect(passesOf(standby)).toEqual([]);
      const provisionedBy = passesOf(leader!).flatMap((p) => p.results);
      for (const org of orgs) expect(provisionedBy).toContain(`${org.slug}:ready`);

      leader!.child.kill('SIGKILL');
      expect(await leader!.exited).toBe('SIGKILL');
      const late = await newOrg('replica-late');
      await waitFor('the standby to provision an org created after the kill', () =>
        allReady([late]),
      );
      // Its pass is logged once the steps after provisioning are done too (see above).
      await waitFor('the standby to log the pass that provisioned it', () =>
        passesOf(standby)
          .flatMap((p) => p.results)
          .includes(`${late.slug}:ready`),
      );
      await expectProvisionedOnce(late);
      expect(ledAt(standby)).toHaveLength(1);

      // No org was provisioned twice and no two passes of different replicas overlapped in time.
      const passes = [...passesOf(leader!), ...passesOf(standby)].sort((x, y) => x.start - y.start);
      for (let i = 1; i < passes.length; i += 1) {
        if (passes[i]!.replica !== passes[i - 1]!.replica)
          expect(passes[i]!.start).toBeGreaterThanOrEqual(passes[i - 1]!.end);
      }
      const users = await aws.iam.send(new ListUsersCommand({ PathPrefix: '/zonekeeper/' }));
      expect(users.Users).toHaveLength(ORGS + 1);

      // SIGTERM stops `zk run` cleanly and hands the lease back at once.
      standby.child.kill('SIGTERM');
      expect(await standby.exited).toBe(0);
      const leases = await store.db
        .select()
        .from(store.t.leases)
        .where(eq(store.t.leases.name, RECONCILER_LEASE));
      expect(leases).toEqual([]);
    }, 180_000);
  },
);
