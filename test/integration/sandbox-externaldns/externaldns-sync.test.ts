// The sandbox ExternalDNS under --policy=sync, driven with the real kubectl and read back with the
// real Route 53 SDK: it publishes a LoadBalancer Service's hostname with its TXT registry record,
// follows target and TTL changes, deletes both with the Service, leaves other owners' and
// unowned records alone, and is held to its org's zone by the IAM policy of its mounted key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResourceType } from '@/sandbox/kube/kube-resources';
import { resourceKey } from '@/sandbox/kube/kube-store';
import {
  apply,
  changeRecords,
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

const CLUSTER = 'acme-prod';
const OWNER = 'c0ffee00-acme-prod-uid';
const SERVICES = resourceKey(findResourceType('', 'v1', 'services')!);
const INGRESSES = resourceKey(findResourceType('networking.k8s.io', 'v1', 'ingresses')!);

let fixture: ExternalDnsFixture;
let acme: ExternalDnsFixture['orgs'][string];
let globex: ExternalDnsFixture['orgs'][string];

beforeAll(async () => {
  fixture = await startExternalDnsFixture([CLUSTER, 'globex-prod'], ['acme', 'globex']);
  acme = fixture.orgs.acme!;
  globex = fixture.orgs.globex!;
  await apply(fixture, CLUSTER, externalDnsManifest({ org: acme, ownerId: OWNER, policy: 'sync' }));
});
afterAll(() => fixture?.close());

const loadBalancerOf = async (name: string) => {
  const service = JSON.parse(
    await kubectl(fixture, CLUSTER, ['get', 'service', name, '-n', 'default', '-o', 'json']),
  ) as { status: { loadBalancer: { ingress: { hostname: string }[] } } };
  return service.status.loadBalancer.ingress[0]!.hostname;
};
const controller = () => fixture.sandbox.externalDns[CLUSTER]!;

describe('sandbox ExternalDNS, --policy=sync', () => {
  it('publishes a LoadBalancer Service as a CNAME with its TXT registry record', async () => {
    await apply(fixture, CLUSTER, loadBalancerService('web', `web.${acme.zoneName}`));
    const target = await loadBalancerOf('web');
    const records = await eventually(async () => {
      const found = await zoneRecords(fixture, acme.zoneId);
      return recordNamed(found, `web.${acme.zoneName}.`, 'CNAME') ? found : undefined;
    }, 'the CNAME');
    expect(recordNamed(records, `web.${acme.zoneName}.`, 'CNAME')).toEqual({
      Name: `web.${acme.zoneName}.`,
      Type: 'CNAME',
      TTL: 300,
      ResourceRecords: [{ Value: target }],
    });
    expect(recordNamed(records, `cname-web.${acme.zoneName}.`, 'TXT')).toEqual({
      Name: `cname-web.${acme.zoneName}.`,
      Type: 'TXT',
      TTL: 300,
      ResourceRecords: [
        {
          Value: `"heritage=external-dns,external-dns/owner=${OWNER},external-dns/resource=service/default/web"`,
        },
      ],
    });
    const condition = await eventually(async () => {
      const found = await syncedCondition(fixture, CLUSTER);
      return found?.reason === 'Synced' ? found : undefined;
    }, 'the Synced condition');
    expect(condition.status).toBe('True');
    expect(controller().log().join('\n')).toContain(`CREATE web.${acme.zoneName} CNAME ${target}`);
  });

  it('updates the record when the load balancer or the TTL annotation changes', async () => {
    // The cloud controller moves the Service to a new load balancer (status is its to write).
    const store = fixture.sandbox.kube[CLUSTER]!.store;
    const service = store.get(SERVICES, 'default', 'web')!;
    const moved = 'moved-lb-0123456789.us-east-1.elb.amazonaws.com';
    store.put(SERVICES, {
      ...service,
      status: { loadBalancer: { ingress: [{ hostname: moved }] } },
    });
    await eventually(async () => {
      const record = recordNamed(
        await zoneRecords(fixture, acme.zoneId),
        `web.${acme.zoneName}.`,
        'CNAME',
      );
      return record?.ResourceRecords?.[0]?.Value === moved ? record : undefined;
    }, 'the new target');
    expect(controller().log().join('\n')).toContain(`UPDATE web.${acme.zoneName} CNAME`);

    await kubectl(fixture, CLUSTER, [
      'annotate',
      'service',
      'web',
      '-n',
      'default',
      'external-dns.alpha.kubernetes.io/ttl=60',
    ]);
    const target = await loadBalancerOf('web');
    const record = await eventually(async () => {
      const found = recordNamed(
        await zoneRecords(fixture, acme.zoneId),
        `web.${acme.zoneName}.`,
        'CNAME',
      );
      return found?.TTL === 60 ? found : undefined;
    }, 'the new TTL');
    // kubectl's write recomputed the status from the Service's uid, as the sandbox's cloud does.
    expect(record.ResourceRecords).toEqual([{ Value: target }]);
    const txt = recordNamed(
      await zoneRecords(fixture, acme.zoneId),
      `cname-web.${acme.zoneName}.`,
      'TXT',
    );
    expect(txt?.ResourceRecords?.[0]?.Value).toContain(`owner=${OWNER}`);
  });

  it('never touches a record of another owner or an unowned one, and says why it skipped them', async () => {
    const theirs = {
      Name: `api.${acme.zoneName}.`,
      Type: 'CNAME' as const,
      TTL: 300,
      ResourceRecords: [{ Value: 'their-lb.example.net' }],
    };
    const theirRegistry = {
      Name: `cname-api.${acme.zoneName}.`,
      Type: 'TXT' as const,
      TTL: 300,
      ResourceRecords: [
        {
          Value:
            '"heritage=external-dns,external-dns/owner=other-cluster,external-dns/resource=service/x/api"',
        },
      ],
    };
    const handMade = {
      Name: `hand.${acme.zoneName}.`,
      Type: 'A' as const,
      TTL: 300,
      ResourceRecords: [{ Value: '192.0.2.10' }],
    };
    await changeRecords(fixture, acme.zoneId, [
      { Action: 'CREATE', ResourceRecordSet: theirs },
      { Action: 'CREATE', ResourceRecordSet: theirRegistry },
      { Action: 'CREATE', ResourceRecordSet: handMade },
    ]);
    await apply(
      fixture,
      CLUSTER,
      loadBalancerService('intruder', `api.${acme.zoneName},hand.${acme.zoneName}`),
    );
    const condition = await eventually(async () => {
      const found = await syncedCondition(fixture, CLUSTER);
      return found?.reason === 'RecordsSkipped' && found.message.includes('hand.')
        ? found
        : undefined;
    }, 'the skipped hostnames in the condition');
    expect(condition.status).toBe('False');
    expect(condition.message).toContain(
      `api.${acme.zoneName} (service/default/intruder): taken by a record owned by "other-cluster" (CNAME)`,
    );
    expect(condition.message).toContain(
      `hand.${acme.zoneName} (service/default/intruder): taken by an unowned record (no registry record claims it) (A)`,
    );
    // Deleting the Service that wanted them deletes nothing of theirs either.
    await kubectl(fixture, CLUSTER, ['delete', 'service', 'intruder', '-n', 'default']);
    await controller().nextPass();
    await controller().nextPass();
    const records = await zoneRecords(fixture, acme.zoneId);
    expect(recordNamed(records, theirs.Name, 'CNAME')).toEqual(theirs);
    expect(recordNamed(records, theirRegistry.Name, 'TXT')).toEqual(theirRegistry);
    expect(recordNamed(records, handMade.Name, 'A')).toEqual(handMade);
    expect(recordNamed(records, `cname-hand.${acme.zoneName}.`, 'TXT')).toBeUndefined();
  });

  it('reports a hostname of another org and leaves that zone alone', async () => {
    await apply(fixture, CLUSTER, loadBalancerService('stray', `web.${globex.zoneName}`));
    const condition = await eventually(async () => {
      const found = await syncedCondition(fixture, CLUSTER);
      return found?.message.includes(globex.zoneName) ? found : undefined;
    }, 'the stray hostname in the condition');
    expect(condition).toMatchObject({ status: 'False', reason: 'RecordsSkipped' });
    expect(condition.message).toContain(
      `web.${globex.zoneName} (service/default/stray): outside --domain-filter ${acme.zoneName}`,
    );

    // Even told to manage globex's zone, the key acme mounted is refused by IAM.
    await apply(
      fixture,
      CLUSTER,
      externalDnsManifest({
        org: acme,
        ownerId: OWNER,
        policy: 'sync',
        extraArgs: [`--domain-filter=${globex.zoneName}`],
        zoneIdFilter: [acme.zoneId, globex.zoneId],
      }),
    );
    const refused = await eventually(async () => {
      const found = await syncedCondition(fixture, CLUSTER);
      return found?.reason === 'SyncFailed' ? found : undefined;
    }, 'the AccessDenied condition');
    expect(refused.status).toBe('False');
    expect(refused.message).toMatch(
      new RegExp(
        `^failed to list records: AccessDenied: User: \\S+zonekeeper-test-acme is not authorized to perform: route53:GetHostedZone on resource: arn:aws:route53:::hostedzone/${globex.zoneId}`,
      ),
    );
    expect(controller().log().join('\n')).toContain(`hostedzone/${globex.zoneId}`);
    expect(await zoneRecords(fixture, globex.zoneId)).toEqual([]);
    expect(refused.message).not.toContain(acme.secretAccessKey);

    await kubectl(fixture, CLUSTER, ['delete', 'service', 'stray', '-n', 'default']);
    await apply(
      fixture,
      CLUSTER,
      externalDnsManifest({ org: acme, ownerId: OWNER, policy: 'sync' }),
    );
    await eventually(async () => {
      const found = await syncedCondition(fixture, CLUSTER);
      return found?.reason === 'Synced' ? found : undefined;
    }, 'Synced again');
  });

  it("publishes an Ingress's rule hosts as A records for its load balancer's IP", async () => {
    await apply(
      fixture,
      CLUSTER,
      JSON.stringify({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'shop', namespace: 'default' },
        spec: {
          rules: [
            {
              host: `shop.${acme.zoneName}`,
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'web', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
      }),
    );
    // The ingress controller reports its address (status is its to write, not the client's).
    const store = fixture.sandbox.kube[CLUSTER]!.store;
    const ingress = store.get(INGRESSES, 'default', 'shop')!;
    store.put(INGRESSES, {
      ...ingress,
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.80' }] } },
    });
    const records = await eventually(async () => {
      const found = await zoneRecords(fixture, acme.zoneId);
      return recordNamed(found, `shop.${acme.zoneName}.`, 'A') ? found : undefined;
    }, 'the A record');
    expect(recordNamed(records, `shop.${acme.zoneName}.`, 'A')?.ResourceRecords).toEqual([
      { Value: '192.0.2.80' },
    ]);
    expect(recordNamed(records, `a-shop.${acme.zoneName}.`, 'TXT')?.ResourceRecords).toEqual([
      {
        Value: `"heritage=external-dns,external-dns/owner=${OWNER},external-dns/resource=ingress/default/shop"`,
      },
    ]);
    await kubectl(fixture, CLUSTER, ['delete', 'ingress', 'shop', '-n', 'default']);
    await eventually(async () => {
      const found = await zoneRecords(fixture, acme.zoneId);
      return recordNamed(found, `a-shop.${acme.zoneName}.`, 'TXT') ? undefined : found;
    }, 'the A record to go');
  });

  it('deletes the record and its registry record when the Service goes', async () => {
    await kubectl(fixture, CLUSTER, ['delete', 'service', 'web', '-n', 'default']);
    await eventually(async () => {
      const records = await zoneRecords(fixture, acme.zoneId);
      return recordNamed(records, `web.${acme.zoneName}.`, 'CNAME') ? undefined : records;
    }, 'the CNAME to go');
    const records = await zoneRecords(fixture, acme.zoneId);
    expect(recordNamed(records, `cname-web.${acme.zoneName}.`, 'TXT')).toBeUndefined();
    // Only the other owner's and the hand-made records remain.
    expect(records.map((record) => `${record.Name} ${record.Type}`).sort()).toEqual([
      `api.${acme.zoneName}. CNAME`,
      `cname-api.${acme.zoneName}. TXT`,
      `hand.${acme.zoneName}. A`,
    ]);
  });

  it("signs with the mounted key only: its calls count for acme's key and no other", () => {
    const stats = fixture.sandbox.controls.route53.stats;
    const mine = stats.forAccessKey(acme.accessKeyId);
    expect(mine.operations.ListResourceRecordSets?.calls).toBeGreaterThan(0);
    expect(mine.operations.ChangeResourceRecordSets?.calls).toBeGreaterThan(0);
    // The zone-id filter spares it every ListHostedZones.
    expect(mine.operations.ListHostedZones).toBeUndefined();
    expect(stats.forAccessKey(globex.accessKeyId).totals.calls).toBe(0);
    const platform = stats.forAccessKey(fixture.sandbox.env.AWS_ACCESS_KEY_ID);
    expect(platform.totals.calls + mine.totals.calls).toBe(stats.snapshot().totals.calls);
    expect(platform.operations.GetHostedZone).toBeUndefined();
  });

  it('serves the per-key counts on the control endpoint too', async () => {
    const response = await fetch(
      `${fixture.sandbox.endpoints.route53}/_sandbox/stats?accessKeyId=${acme.accessKeyId}`,
    );
    const body = (await response.json()) as { operations: Record<string, { calls: number }> };
    expect(body.operations.ChangeResourceRecordSets?.calls).toBe(
      fixture.sandbox.controls.route53.stats.forAccessKey(acme.accessKeyId).operations
        .ChangeResourceRecordSets?.calls,
    );
    expect(body.operations.ChangeResourceRecordSets?.calls).toBeGreaterThan(0);
  });
});
