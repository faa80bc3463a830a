// Teardown of a zone that holds 2,000 record sets of mixed sizes, among them 300 DKIM-sized TXT
// records under one _domainkey name (so they sit side by side in the listing): every record and
// the zone go in one reconciler pass, and Route 53 never refuses a batch for its size.
import { createHash } from 'node:crypto';
import {
  ListHostedZonesByNameCommand,
  Route53Client,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { changeRecordSets, listAllRecordSets } from '@/server/cloud/route53';
import { createOrganization } from '@/server/orgs/create-organization';
import { requestOrganizationDeletion } from '@/server/orgs/delete-organization';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';

const ZONE = `bulk.${BASE_DOMAIN}.`;

/** A 2048-bit DKIM key record: ~410 characters, split into 255-character strings as DNS requires. */
function dkimValue(i: number): string {
  let key = '';
  for (let n = 0; key.length < 392; n++) {
    key += createHash('sha256').update(`dkim-${i}-${n}`).digest('base64');
  }
  const text = `v=DKIM1; k=rsa; p=${key.slice(0, 392)}`;
  const strings = [text.slice(0, 255), text.slice(255)];
  return strings.map((s) => `"${s}"`).join(' ');
}

function recordSet(name: string, type: string, values: string[]): ResourceRecordSet {
  return {
    Name: `${name}.${ZONE}`,
    Type: type as ResourceRecordSet['Type'],
    TTL: 300,
    ResourceRecords: values.map((Value) => ({ Value })),
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** 2,000 record sets: 300 DKIM TXT, A sets of 1 to 8 values, AAAA, CNAME, registry TXT, MX, SRV. */
function bulkRecords(): ResourceRecordSet[] {
  return [
    ...range(300).map((i) => recordSet(`s${i}._domainkey.mail`, 'TXT', [dkimValue(i)])),
    ...range(500).map((i) =>
      recordSet(
        `host-${i}`,
        'A',
        range((i % 8) + 1).map((v) => `10.${i % 250}.${Math.floor(i / 250)}.${v + 1}`),
      ),
    ),
    ...range(300).map((i) =>
      recordSet(
        `v6-${i}`,
        'AAAA',
        i % 2 ? [`2001:db8::${i}`] : [`2001:db8::${i}`, `2001:db8::1:${i}`],
      ),
    ),
    ...range(300).map((i) => recordSet(`alias-${i}`, 'CNAME', [`target-${i}.example.net.`])),
    ...range(300).map((i) =>
      recordSet(`a-host-${i}`, 'TXT', [
        `"heritage=external-dns,external-dns/owner=cluster-${i % 7},external-dns/resource=service/default/host-${i}"`,
      ]),
    ),
    ...range(200).map((i) =>
      recordSet(`mx-${i}`, 'MX', ['10 mail1.example.net.', '20 mail2.example.net.']),
    ),
    ...range(100).map((i) =>
      recordSet(`_sip._tcp.srv-${i}`, 'SRV', [`10 5 5060 sip-${i}.example.net.`]),
    ),
  ];
}

describe('tearing down a zone with 2,000 records of mixed sizes', () => {
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

  it('deletes every record and the zone without a batch Route 53 refuses', async () => {
    const org = await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Bulk' },
    );
    expect((await reconcilePass(store, SYSTEM_ACTOR)).results).toEqual([
      { slug: 'bulk', outcome: 'ready' },
    ]);
    const [zone] = await store.db
      .select()
      .from(store.t.hostedZones)
      .where(eq(store.t.hostedZones.orgId, org.id));
    const zoneId = zone!.awsZoneId!;

    // Filled 40 record sets a request (40 DKIM keys are under 17,000 characters), with no help
    // from the batching under test.
    const records = bulkRecords();
    expect(records).toHaveLength(2_000);
    const longTxt = records.filter(
      (r) => r.Type === 'TXT' && r.ResourceRecords![0]!.Value!.length > 400,
    );
    expect(longTxt).toHaveLength(300);
    for (let i = 0; i < records.length; i += 40) {
      const changes: Change[] = records
        .slice(i, i + 40)
        .map((ResourceRecordSet) => ({ Action: 'CREATE', ResourceRecordSet }));
      await changeRecordSets(zoneId, changes, 'test: fill the zone');
    }
    let listed = 0;
    for await (const page of listAllRecordSets(zoneId)) listed += page.length;
    expect(listed).toBe(2_002); // and the apex SOA and NS

    await requestOrganizationDeletion(
      { store, actor: SYSTEM_ACTOR },
      { slug: 'bulk', confirm: 'bulk' },
    );
    sandbox.controls.route53.stats.reset();
    const pass = await reconcilePass(store, SYSTEM_ACTOR);
    const [recordsStep] = await store.db
      .select()
      .from(store.t.provisioningSteps)
      .where(eq(store.t.provisioningSteps.step, 'teardown-records'));
    expect(recordsStep?.lastError ?? null).toBeNull();
    expect(pass.results).toEqual([{ slug: 'bulk', outcome: 'deleted' }]);

    const changes = sandbox.controls.route53.stats.snapshot().operations.ChangeResourceRecordSets;
    // Nothing was refused, and the records took at least as many requests as their characters
    // and records need at 32,000 and 1,000 a request (one more request removed the delegation).
    expect(changes?.errors).toBe(0);
    const accepted =
      changes!.calls - changes!.throttled - changes!.priorRequestNotComplete - changes!.errors;
    const values = records.flatMap((r) => r.ResourceRecords!.map((v) => v.Value!));
    const characters = values.reduce((sum, value) => sum + value.length, 0);
    expect(characters).toBeGreaterThan(4 * 32_000);
    expect(accepted - 1).toBeGreaterThanOrEqual(
      Math.max(Math.ceil(characters / 32_000), Math.ceil(values.length / 1_000)),
    );

    const route53 = new Route53Client({
      region: 'us-east-1',
      endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
      },
    });
    const zones = await route53.send(new ListHostedZonesByNameCommand({ DNSName: ZONE }));
    expect(zones.HostedZones?.filter((z) => z.Name === ZONE)).toEqual([]);
  });
});
