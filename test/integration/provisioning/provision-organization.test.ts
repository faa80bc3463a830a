// The reconciler against the sandbox over HTTP: an org gets its zone, delegation, policy, user and
// a verified key in Vault; a second pass changes nothing; deletion removes all of it.
import { ListAccessKeysCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createOrganization } from '@/server/orgs/create-organization';
import { requestOrganizationDeletion } from '@/server/orgs/delete-organization';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { createVaultKv } from '@/server/cloud/vault';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';

describe('provisioning an organization', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    store = await openSqliteTestStore();
  });
  afterAll(async () => {
    await store?.destroy();
    await sandbox?.close();
  });

  const clients = () => {
    const config = {
      region: 'us-east-1',
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    };
    return {
      route53: new Route53Client({ ...config, endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53 }),
      iam: new IAMClient({ ...config, endpoint: sandbox.env.AWS_ENDPOINT_URL_IAM }),
    };
  };

  it('provisions zone, delegation, policy, user and a working key, once', async () => {
    const org = await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Acme' },
    );
    const first = await reconcilePass(store, SYSTEM_ACTOR);
    expect(first.results).toEqual([{ slug: 'acme', outcome: 'ready' }]);
    const second = await reconcilePass(store, SYSTEM_ACTOR);
    expect(second.results).toEqual([]);

    const [credential] = await store.db
      .select()
      .from(store.t.iamCredentials)
      .where(eq(store.t.iamCredentials.orgId, org.id));
    expect(credential).toMatchObject({ status: 'ready', vaultVersion: 1 });
    const { route53, iam } = clients();
    const zones = await route53.send(
      new ListHostedZonesByNameCommand({ DNSName: 'acme.zonekeeper.test' }),
    );
    expect(zones.HostedZones?.filter((z) => z.Name === 'acme.zonekeeper.test.')).toHaveLength(1);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: credential!.iamUserName }));
    expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([credential!.accessKeyId]);

    const vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    const secret = await vault.readSecret(credential!.vaultPath);
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_STS,
      credentials: {
        accessKeyId: secret!.data.AWS_ACCESS_KEY_ID!,
        secretAccessKey: secret!.data.AWS_SECRET_ACCESS_KEY!,
      },
    });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(credential!.iamUserArn);
  });

  it('deletes everything it provisioned when the org is deleted', async () => {
    await requestOrganizationDeletion(
      { store, actor: SYSTEM_ACTOR },
      { slug: 'acme', confirm: 'acme' },
    );
    const pass = await reconcilePass(store, SYSTEM_ACTOR);
    expect(pass.results).toEqual([{ slug: 'acme', outcome: 'deleted' }]);
    const { route53, iam } = clients();
    const zones = await route53.send(
      new ListHostedZonesByNameCommand({ DNSName: 'acme.zonekeeper.test' }),
    );
    expect(zones.HostedZones?.filter((z) => z.Name === 'acme.zonekeeper.test.')).toHaveLength(0);
    await expect(
      iam.send(new ListAccessKeysCommand({ UserName: `zonekeeper-${'x'}` })),
    ).rejects.toThrow();
  });
});
