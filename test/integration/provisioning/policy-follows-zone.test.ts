// The policy step against the sandbox over HTTP: an adopted policy whose document names another
// zone is moved to the expected document with a new default version (deleting the oldest
// non-default version at IAM's five-version limit), and when the org's zone comes back with a new
// id (a new generation, as the garbage collector will bring it), the policy follows it.
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListPolicyVersionsCommand,
} from '@aws-sdk/client-iam';
import {
  ChangeResourceRecordSetsCommand,
  DeleteHostedZoneCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createHostedZone } from '@/server/cloud/route53';
import { createVaultKv } from '@/server/cloud/vault';
import { createOrganization } from '@/server/orgs/create-organization';
import { requestOrganizationDeletion } from '@/server/orgs/delete-organization';
import { orgResourceNames, zonePolicyDocument } from '@/server/provisioning/org-resource-names';
import { planOrganization } from '@/server/provisioning/plan-organization';
import { createProvisioningContext } from '@/server/provisioning/provisioning-context';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';

describe('the IAM policy follows its zone', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  let iam: IAMClient;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    store = await openSqliteTestStore();
    iam = new IAMClient({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_IAM,
      credentials: platformCredentials(),
    });
  });
  afterAll(async () => {
    await store?.destroy();
    await sandbox?.close();
  });

  const platformCredentials = () => ({
    accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
  });
  // The policy name depends on the slug and the installation only, so a test can make it first.
  const policyNameOf = (slug: string) =>
    orgResourceNames({ id: 'unused', slug, generation: 1 }, BASE_DOMAIN).policyName;

  async function createForeignPolicy(slug: string, zoneId: string): Promise<string> {
    const { Policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: policyNameOf(slug),
        Path: '/zonekeeper/',
        PolicyDocument: zonePolicyDocument(zoneId),
      }),
    );
    return Policy!.Arn!;
  }

  async function provision(slug: string) {
    const pass = await reconcilePass(store, SYSTEM_ACTOR, { slugs: [slug] });
    expect(pass.results).toEqual([{ slug, outcome: 'ready' }]);
    const [org] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, slug));
    const [zone] = await store.db
      .select()
      .from(store.t.hostedZones)
      .where(
        and(
          eq(store.t.hostedZones.orgId, org!.id),
          eq(store.t.hostedZones.generation, org!.generation),
        ),
      );
    const [credential] = await store.db
      .select()
      .from(store.t.iamCredentials)
      .where(eq(store.t.iamCredentials.orgId, org!.id));
    return { org: org!, zoneId: zone!.awsZoneId!, credential: credential! };
  }

  async function policyState(arn: string) {
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    const { PolicyVersion } = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy!.DefaultVersionId }),
    );
    const { Versions } = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    return {
      defaultVersionId: Policy!.DefaultVersionId,
      document: JSON.parse(decodeURIComponent(PolicyVersion!.Document!)) as unknown,
      versionIds: (Versions ?? []).map((v) => v.VersionId),
    };
  }

  /** Proves the policy in effect: the org's own key (from Vault) may change its zone's records. */
  async function orgKeyChangesRecords(vaultPath: string, zoneId: string, label: string) {
    const vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    const secret = (await vault.readSecret(vaultPath))!.data;
    const route53 = new Route53Client({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
      credentials: {
        accessKeyId: secret.AWS_ACCESS_KEY_ID!,
        secretAccessKey: secret.AWS_SECRET_ACCESS_KEY!,
      },
    });
    try {
      const [org] = label.split('.');
      return await route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: {
            Changes: [
              {
                Action: 'CREATE',
                ResourceRecordSet: {
                  Name: `${label}.${BASE_DOMAIN}.`,
                  Type: 'TXT',
                  TTL: 60,
                  ResourceRecords: [{ Value: `"${org}"` }],
                },
              },
            ],
          },
        }),
      );
    } finally {
      route53.destroy();
    }
  }

  it('moves an adopted policy that names another zone to the expected document', async () => {
    const arn = await createForeignPolicy('acme', 'ZSOMEONEELSES0001');
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Acme' },
    );
    const { zoneId, credential } = await provision('acme');
    expect(credential.policyArn).toBe(arn);

    expect(await policyState(arn)).toEqual({
      defaultVersionId: 'v2',
      document: JSON.parse(zonePolicyDocument(zoneId)),
      versionIds: ['v2', 'v1'],
    });
    await expect(
      orgKeyChangesRecords(credential.vaultPath, zoneId, 'check.acme'),
    ).resolves.toBeDefined();
    const audit = await store.db
      .select()
      .from(store.t.auditEvents)
      .where(eq(store.t.auditEvents.action, 'iam.policy_version_created'));
    expect(audit.map((event) => event.target)).toEqual([arn]);
  });

  it('deletes the oldest non-default version first when the policy holds five', async () => {
    const arn = await createForeignPolicy('globex', 'ZSOMEONEELSES0001');
    for (let i = 2; i <= 5; i++) {
      await iam.send(
        new CreatePolicyVersionCommand({
          PolicyArn: arn,
          PolicyDocument: zonePolicyDocument(`ZSOMEONEELSES000${i}`),
        }),
      );
    }
    // v1 (the oldest) is the default and cannot go: v2 is the oldest that can.
    expect((await policyState(arn)).versionIds).toEqual(['v5', 'v4', 'v3', 'v2', 'v1']);
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Globex' },
    );
    const { zoneId } = await provision('globex');

    expect(await policyState(arn)).toEqual({
      defaultVersionId: 'v6',
      document: JSON.parse(zonePolicyDocument(zoneId)),
      versionIds: ['v6', 'v5', 'v4', 'v3', 'v1'],
    });
  });

  it('leaves a policy alone whose document already means the expected one', async () => {
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Hooli' },
    );
    const { zoneId, credential, org } = await provision('hooli');
    // Someone rewrote the policy in other words: indented, statements and actions reordered.
    const respelled = JSON.parse(zonePolicyDocument(zoneId)) as {
      Statement: { Action: string[] }[];
    };
    respelled.Statement.reverse();
    for (const statement of respelled.Statement) statement.Action.reverse();
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: credential.policyArn!,
        PolicyDocument: JSON.stringify(respelled, null, 2),
        SetAsDefault: true,
      }),
    );
    // The policy step runs again (as after a lost answer, or on another replica).
    await store.db
      .delete(store.t.provisioningSteps)
      .where(
        and(
          eq(store.t.provisioningSteps.orgId, org.id),
          eq(store.t.provisioningSteps.step, 'policy'),
        ),
      );
    await store.db
      .update(store.t.organizations)
      .set({ status: 'provisioning' })
      .where(eq(store.t.organizations.id, org.id));
    await provision('hooli');
    const state = await policyState(credential.policyArn!);
    expect(state).toMatchObject({ defaultVersionId: 'v2', versionIds: ['v2', 'v1'] });
    expect(state.document).toEqual(respelled);
  });

  it('follows the zone when it comes back with a new id', async () => {
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Initech' },
    );
    const first = await provision('initech');
    const arn = first.credential.policyArn!;
    expect((await policyState(arn)).versionIds).toEqual(['v1']);

    // What the collector will do: delete the zone, then ask for it again as a new generation.
    const route53 = new Route53Client({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
      credentials: platformCredentials(),
    });
    await route53.send(new DeleteHostedZoneCommand({ Id: first.zoneId }));
    route53.destroy();
    await store.db
      .update(store.t.organizations)
      .set({ generation: first.org.generation + 1, status: 'provisioning' })
      .where(eq(store.t.organizations.id, first.org.id));
    await store.db
      .delete(store.t.provisioningSteps)
      .where(
        and(
          eq(store.t.provisioningSteps.orgId, first.org.id),
          inArray(store.t.provisioningSteps.step, ['zone', 'delegation', 'policy']),
        ),
      );

    // The dry run says so once the new zone exists and the policy still names the old one.
    const comingBack = orgResourceNames(
      { ...first.org, generation: first.org.generation + 1 },
      BASE_DOMAIN,
    );
    const { zoneId: newZoneId } = await createHostedZone(
      comingBack.zoneName,
      comingBack.callerReference,
    );
    const [org] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.id, first.org.id));
    expect(await planOrganization(createProvisioningContext(store, SYSTEM_ACTOR), org!)).toContain(
      `move IAM policy ${policyNameOf('initech')} from v1 to a new default version scoped to zone ${newZoneId}`,
    );

    const second = await provision('initech');
    expect(second.zoneId).toBe(newZoneId);
    expect(second.zoneId).not.toBe(first.zoneId);
    expect(await policyState(arn)).toEqual({
      defaultVersionId: 'v2',
      document: JSON.parse(zonePolicyDocument(second.zoneId)),
      versionIds: ['v2', 'v1'],
    });
    await expect(
      orgKeyChangesRecords(first.credential.vaultPath, second.zoneId, 'check.initech'),
    ).resolves.toBeDefined();
  });

  it('tears down a policy that holds several versions (IAM wants them deleted first)', async () => {
    const [acme] = await store.db
      .select()
      .from(store.t.iamCredentials)
      .innerJoin(store.t.organizations, eq(store.t.organizations.id, store.t.iamCredentials.orgId))
      .where(eq(store.t.organizations.slug, 'acme'));
    const arn = acme!.iam_credentials.policyArn!;
    expect((await policyState(arn)).versionIds).toEqual(['v2', 'v1']);
    await requestOrganizationDeletion(
      { store, actor: SYSTEM_ACTOR },
      { slug: 'acme', confirm: 'acme' },
    );
    const pass = await reconcilePass(store, SYSTEM_ACTOR, { slugs: ['acme'] });
    expect(pass.results).toEqual([{ slug: 'acme', outcome: 'deleted' }]);
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});
