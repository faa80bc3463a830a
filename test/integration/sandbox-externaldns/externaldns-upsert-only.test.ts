// The sandbox ExternalDNS under --policy=upsert-only and with flags or credentials it cannot run
// with: it publishes but never deletes, writes its registry records under --txt-prefix, stops
// when scaled to zero, and says in the Deployment's condition what is wrong with its setup.
import { CreateAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apply,
  eventually,
  externalDnsManifest,
  kubectl,
  loadBalancerService,
  recordNamed,
  startExternalDnsFixture,
  syncedCondition,
  zoneRecords,
  type ExternalDnsFixture,
} from './externaldns-fixture';

const CLUSTER = 'acme-staging';
const OWNER = 'c0ffee00-acme-staging-uid';

let fixture: ExternalDnsFixture;
let acme: ExternalDnsFixture['orgs'][string];

beforeAll(async () => {
  fixture = await startExternalDnsFixture([CLUSTER], ['acme']);
  acme = fixture.orgs.acme!;
});
afterAll(() => fixture?.close());

const controller = () => fixture.sandbox.externalDns[CLUSTER]!;
/** The condition once it has this reason and, when given, says `saying`. */
const conditionWithReason = (reason: string, saying = '') =>
  eventually(async () => {
    const found = await syncedCondition(fixture, CLUSTER);
    return found?.reason === reason && found.message.includes(saying) ? found : undefined;
  }, `the ${reason} condition`);

describe('sandbox ExternalDNS, --policy=upsert-only', () => {
  it('refuses to start without --policy, and says so', async () => {
    await apply(fixture, CLUSTER, externalDnsManifest({ org: acme, ownerId: OWNER }));
    const condition = await conditionWithReason('InvalidArgs');
    expect(condition).toMatchObject({
      status: 'False',
      message: 'flag --policy is required (sync, upsert-only or create-only)',
    });
  });

  it('refuses --txt-prefix together with --txt-suffix', async () => {
    await apply(
      fixture,
      CLUSTER,
      externalDnsManifest({
        org: acme,
        ownerId: OWNER,
        policy: 'upsert-only',
        extraArgs: ['--txt-prefix=txt.', '--txt-suffix=-txt'],
      }),
    );
    const condition = await conditionWithReason('InvalidArgs', '--txt-prefix');
    expect(condition.message).toBe('--txt-prefix and --txt-suffix are mutually exclusive');
  });

  it('refuses to start without --aws-prefer-cname, which the real one would answer with aliases', async () => {
    await apply(
      fixture,
      CLUSTER,
      externalDnsManifest({ org: acme, ownerId: OWNER, policy: 'upsert-only', preferCname: false }),
    );
    const condition = await conditionWithReason('InvalidArgs', '--aws-prefer-cname');
    expect(condition.message).toBe(
      'flag --aws-prefer-cname is required: the sandbox ExternalDNS publishes load balancer hostnames as CNAME records only (without the flag ExternalDNS v0.22 makes A alias records)',
    );
  });

  it('reports a missing credentials Secret and calls nothing', async () => {
    await kubectl(fixture, CLUSTER, ['delete', 'secret', 'external-dns-aws', '-n', 'external-dns']);
    await apply(
      fixture,
      CLUSTER,
      externalDnsManifest({ org: acme, ownerId: OWNER, policy: 'upsert-only' }).replace(
        /apiVersion: v1\nkind: Secret[\s\S]*?---\n/,
        '',
      ),
    );
    const condition = await conditionWithReason('NoCredentials');
    expect(condition.message).toBe(
      'Secret "external-dns-aws" in external-dns does not exist (the pod cannot start)',
    );
    expect(fixture.sandbox.controls.route53.stats.forAccessKey(acme.accessKeyId).totals.calls).toBe(
      0,
    );
  });

  it('publishes with --txt-prefix and keeps both records when the Service goes', async () => {
    await apply(
      fixture,
      CLUSTER,
      externalDnsManifest({
        org: acme,
        ownerId: OWNER,
        policy: 'upsert-only',
        extraArgs: ['--txt-prefix=txt.'],
      }),
    );
    await apply(
      fixture,
      CLUSTER,
      loadBalancerService('shop', `shop.${acme.zoneName}`, {
        'external-dns.alpha.kubernetes.io/ttl': '2m',
      }),
    );
    // A sync before the Service existed is Synced too: wait for the one that published it.
    await conditionWithReason('Synced', 'all records of 1 endpoint in sync');
    const published = await zoneRecords(fixture, acme.zoneId);
    const cname = recordNamed(published, `shop.${acme.zoneName}.`, 'CNAME');
    expect(cname?.TTL).toBe(120);
    const registry = recordNamed(published, `txt.cname-shop.${acme.zoneName}.`, 'TXT');
    expect(registry?.ResourceRecords).toEqual([
      {
        Value: `"heritage=external-dns,external-dns/owner=${OWNER},external-dns/resource=service/default/shop"`,
      },
    ]);

    await kubectl(fixture, CLUSTER, ['delete', 'service', 'shop', '-n', 'default']);
    await controller().nextPass();
    await controller().nextPass();
    const kept = await zoneRecords(fixture, acme.zoneId);
    expect(recordNamed(kept, `shop.${acme.zoneName}.`, 'CNAME')).toEqual(cname);
    expect(recordNamed(kept, `txt.cname-shop.${acme.zoneName}.`, 'TXT')).toEqual(registry);
    expect(controller().log().join('\n')).not.toContain('DELETE');
  });

  it('signs with the new key once the Secret holds it, as after a key rotation', async () => {
    const iam = new IAMClient({
      endpoint: fixture.sandbox.endpoints.iam,
      region: 'us-east-1',
      credentials: {
        accessKeyId: fixture.sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: fixture.sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    });
    const created = await iam.send(
      new CreateAccessKeyCommand({ UserName: `zonekeeper-test-${acme.slug}` }),
    );
    iam.destroy();
    const rotated = {
      ...acme,
      accessKeyId: created.AccessKey!.AccessKeyId!,
      secretAccessKey: created.AccessKey!.SecretAccessKey!,
    };
    await apply(
      fixture,
      CLUSTER,
      externalDnsManifest({
        org: rotated,
        ownerId: OWNER,
        policy: 'upsert-only',
        extraArgs: ['--txt-prefix=txt.'],
      }),
    );
    await controller().nextPass();
    const stats = fixture.sandbox.controls.route53.stats;
    const oldCalls = stats.forAccessKey(acme.accessKeyId).totals.calls;
    await controller().nextPass();
    await controller().nextPass();
    expect(stats.forAccessKey(rotated.accessKeyId).totals.calls).toBeGreaterThan(0);
    expect(stats.forAccessKey(acme.accessKeyId).totals.calls).toBe(oldCalls);
    expect((await syncedCondition(fixture, CLUSTER))?.reason).toBe('Synced');
  });

  it('stops syncing when scaled to zero', async () => {
    await kubectl(fixture, CLUSTER, [
      'patch',
      'deployment',
      'external-dns',
      '-n',
      'external-dns',
      '--type=merge',
      '-p',
      '{"spec":{"replicas":0}}',
    ]);
    await eventually(
      async () => (controller().log().at(-1)?.includes('ExternalDNS stopped') ? true : undefined),
      'the stop in the log',
    );
    const stats = fixture.sandbox.controls.route53.stats;
    const before = stats.forAccessKey(acme.accessKeyId).totals.calls;
    await apply(fixture, CLUSTER, loadBalancerService('late', `late.${acme.zoneName}`));
    await controller().nextPass();
    await controller().nextPass();
    expect(stats.forAccessKey(acme.accessKeyId).totals.calls).toBe(before);
    expect(
      recordNamed(await zoneRecords(fixture, acme.zoneId), `late.${acme.zoneName}.`, 'CNAME'),
    ).toBeUndefined();
  });
});
