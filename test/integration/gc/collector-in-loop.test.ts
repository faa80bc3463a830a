// The collector as the reconciler loop runs it, against the sandbox with a connected cluster: each
// leader pass is the loop's — the collector's step, then reconcilePass, then the ExternalDNS
// delivery. An org whose only cluster stopped (past a grace period of 0) has its young zone
// deleted in one pass, free; when the cluster runs again the next pass brings the zone back with a
// new zone id, the IAM policy moved to it in a new policy version, and ExternalDNS redeployed with
// the new zone id. In manual mode the loop executes only what a person approved.
import { randomUUID } from 'node:crypto';
import { GetPolicyCommand, GetPolicyVersionCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { deliverPendingClusters } from '@/server/clusters/deliver-pending-clusters';
import { EXTERNAL_DNS_NAME, EXTERNAL_DNS_NAMESPACE } from '@/server/clusters/externaldns-bundle';
import { registerCluster } from '@/server/clusters/register-cluster';
import { reportClusterStatus } from '@/server/clusters/report-cluster-status';
import { approveGcDecision } from '@/server/gc/approve-gc-decision';
import { createGcLoopStep, type GcLoopStep } from '@/server/gc/gc-loop-step';
import type { GcPassReport } from '@/server/gc/run-gc-pass';
import { createOrganization } from '@/server/orgs/create-organization';
import { whileHoldingLease } from '@/server/provisioning/leader-lease';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { readKubeconfig } from '../clusters/cluster-sandbox';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('the collector in the reconciler loop', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  let vault: VaultKv;
  let route53: Route53Client;
  let iam: IAMClient;
  const passes: GcPassReport[] = [];
  let step: GcLoopStep;
  const tokens: Record<string, string> = {};
  const uids: Record<string, string> = {};
  const orgs: Record<string, Organization> = {};

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: { clusters: ['acme-prod'], controllerDelayMs: 100 },
    });
    store = await openSqliteTestStore();
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    const aws = {
      region: 'us-east-1',
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    };
    route53 = new Route53Client({ ...aws, endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53 });
    iam = new IAMClient({ ...aws, endpoint: sandbox.env.AWS_ENDPOINT_URL_IAM });
    for (const slug of ['acme', 'globex']) {
      await createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: slug, slug },
      );
    }
    expect((await reconcilePass(store, SYSTEM_ACTOR)).results).toHaveLength(2);
    for (const org of await store.db.select().from(store.t.organizations)) orgs[org.slug] = org;
    const registered = await registerCluster(
      {
        store,
        actor: SYSTEM_ACTOR,
        org: orgs.acme!,
        vault,
        baseDomain: BASE_DOMAIN,
        kubeTimeoutMs: 2000,
      },
      {
        name: 'prod',
        policy: 'sync',
        connection: {
          kind: 'kubeconfig',
          kubeconfig: readKubeconfig(sandbox.kube['acme-prod']!.kubeconfigPath),
        },
      },
    );
    tokens.acme = registered.statusToken;
    uids.acme = registered.cluster.uid;
    // globex's cluster ran once and stopped; it has no kubeconfig.
    await store.db.insert(store.t.clusters).values({
      id: randomUUID(),
      orgId: orgs.globex!.id,
      name: 'prod',
      uid: `uid-${randomUUID()}`,
      status: 'stopped',
    });
    await report('acme', 'running');
    await store.db
      .insert(store.t.settings)
      .values({ key: 'gc', value: { gracePeriodMs: 0, mode: 'automatic' } });
    // The queue refreshed on every pass, as if each pass were a minute apart.
    step = createGcLoopStep({ refreshEveryMs: 0, onPass: (p) => passes.push(p) });
  });
  afterAll(async () => {
    await store?.destroy();
    await sandbox?.close();
  });

  const report = (slug: string, status: 'running' | 'stopped') =>
    reportClusterStatus(store, {
      uid: uids[slug]!,
      token: tokens[slug]!,
      body: { status },
    });
  const acmeCluster = async () => {
    const c = store.t.clusters;
    return (await store.db.select().from(c).where(eq(c.orgId, orgs.acme!.id)))[0]!;
  };
  // The loop's leader pass, in its order (server/provisioning/reconciler-loop.ts).
  const replica = `test-${randomUUID()}`;
  const loopPass = () =>
    whileHoldingLease(store, 'reconciler', replica, 15_000, async (lease) => {
      await step.run(store, SYSTEM_ACTOR, { lease });
      const pass = await reconcilePass(store, SYSTEM_ACTOR, { lease });
      await deliverPendingClusters(
        store,
        () => ({
          store,
          vault,
          actor: SYSTEM_ACTOR,
          baseDomain: BASE_DOMAIN,
          kubeTimeoutMs: 2000,
          rolloutTimeoutMs: 20_000,
        }),
        { lease },
      );
      return pass;
    });
  const zonesOf = async (slug: string) => {
    const z = store.t.hostedZones;
    return store.db.select().from(z).where(eq(z.orgId, orgs[slug]!.id));
  };
  const liveZoneOf = async (slug: string) =>
    (await zonesOf(slug)).find((zone) => zone.status === 'ready')!;
  const deploymentArgs = () => {
    const deployment = sandbox.kube['acme-prod']!.store.get(
      'apps/deployments',
      EXTERNAL_DNS_NAMESPACE,
      EXTERNAL_DNS_NAME,
    ) as { spec: { template: { spec: { containers: { args: string[] }[] } } } } | undefined;
    return deployment?.spec.template.spec.containers[0]!.args ?? [];
  };
  const policyDocument = async () => {
    const c = store.t.iamCredentials;
    const [credential] = await store.db.select().from(c).where(eq(c.orgId, orgs.acme!.id));
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: credential!.policyArn! }));
    const version = await iam.send(
      new GetPolicyVersionCommand({
        PolicyArn: credential!.policyArn!,
        VersionId: policy.Policy!.DefaultVersionId!,
      }),
    );
    return {
      versionId: policy.Policy!.DefaultVersionId!,
      document: decodeURIComponent(version.PolicyVersion!.Document!),
    };
  };

  it('keeps the zone of the running cluster and deletes the idle young one in the same pass', async () => {
    await loopPass();
    // ExternalDNS was delivered with acme's zone id; globex's idle zone is gone, acme's stays.
    const acme = await liveZoneOf('acme');
    expect(deploymentArgs()).toContain(`--zone-id-filter=${acme.awsZoneId}`);
    expect(passes[0]!.collections.map((c) => [c.org, c.outcome])).toEqual([
      ['globex', 'collected'],
    ]);
    const [globex] = await zonesOf('globex');
    expect(globex).toMatchObject({ status: 'deleted' });
    await expect(
      route53.send(new GetHostedZoneCommand({ Id: globex!.awsZoneId! })),
    ).rejects.toMatchObject({ name: 'NoSuchHostedZone' });
  });

  it('collects the zone once its cluster stops, on the next pass', async () => {
    const acme = await liveZoneOf('acme');
    await report('acme', 'stopped');
    await loopPass();
    expect(passes.at(-1)!.collections.map((c) => [c.org, c.outcome])).toEqual([
      ['acme', 'collected'],
    ]);
    await expect(
      route53.send(new GetHostedZoneCommand({ Id: acme.awsZoneId! })),
    ).rejects.toMatchObject({ name: 'NoSuchHostedZone' });
    expect(await zonesOf('acme')).toMatchObject([{ status: 'deleted' }]);
  });

  it('brings the zone back when the cluster runs again: new zone id, policy moved, ExternalDNS redeployed', async () => {
    const [old] = await zonesOf('acme');
    const before = await policyDocument();
    // Between refreshes a pass still brings zones back: a step that refreshed a moment ago.
    step = createGcLoopStep({ refreshEveryMs: 3_600_000, onPass: (p) => passes.push(p) });
    await loopPass();
    await report('acme', 'running');
    const pass = await loopPass();
    expect(pass.results).toEqual([{ slug: 'acme', outcome: 'ready' }]);
    expect(passes.at(-1)!.returns).toEqual([{ org: 'acme', generation: 2, cluster: 'prod' }]);

    const fresh = await liveZoneOf('acme');
    expect(fresh.generation).toBe(2);
    expect(fresh.awsZoneId).not.toBe(old!.awsZoneId);
    await route53.send(new GetHostedZoneCommand({ Id: fresh.awsZoneId! }));
    const after = await policyDocument();
    expect(after.versionId).not.toBe(before.versionId);
    expect(after.document).toContain(`hostedzone/${fresh.awsZoneId}"`);
    expect(after.document).not.toContain(`hostedzone/${old!.awsZoneId}"`);
    expect(deploymentArgs()).toContain(`--zone-id-filter=${fresh.awsZoneId}`);
    expect(deploymentArgs()).not.toContain(`--zone-id-filter=${old!.awsZoneId}`);
    expect(await acmeCluster()).toMatchObject({
      externalDnsState: 'running',
      externalDnsError: null,
    });
    // Running, it is kept: another pass changes nothing.
    await loopPass();
    expect((await liveZoneOf('acme')).awsZoneId).toBe(fresh.awsZoneId);
  });

  it('in manual mode executes only what a person approved', async () => {
    const s = store.t.settings;
    await store.db
      .update(s)
      .set({ value: { gracePeriodMs: 0, mode: 'manual' } })
      .where(eq(s.key, 'gc'));
    step = createGcLoopStep({ refreshEveryMs: 0, onPass: (p) => passes.push(p) });
    await report('acme', 'stopped');
    await loopPass();
    expect(passes.at(-1)!.collections).toEqual([]);
    const d = store.t.gcDecisions;
    const [proposed] = await store.db
      .select()
      .from(d)
      .where(and(eq(d.orgId, orgs.acme!.id), eq(d.status, 'proposed')));
    expect(proposed).toMatchObject({ action: 'delete-now' });
    expect((await liveZoneOf('acme')).status).toBe('ready');

    await approveGcDecision(store, SYSTEM_ACTOR, { orgSlug: 'acme', decisionId: proposed!.id });
    await loopPass();
    expect(passes.at(-1)!.collections.map((c) => [c.org, c.outcome])).toEqual([
      ['acme', 'collected'],
    ]);
    expect(await liveZoneOf('acme')).toBeUndefined();
  });
});
