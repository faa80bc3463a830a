// ListHostedZonesByName ordering and markers, and the 500-zone quota.
import {
  CreateHostedZoneCommand,
  ListHostedZonesByNameCommand,
  type ListHostedZonesByNameCommandOutput,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isExternalTarget,
  startConformanceTarget,
  uniqueName,
  type ConformanceTarget,
} from '../sandbox-target';
import { expectAwsError } from './route53-test-helpers';

let target: ConformanceTarget;
let route53: Route53Client;
beforeAll(async () => {
  target = await startConformanceTarget();
  route53 = target.route53();
});
afterAll(() => target.close());

describe('ListHostedZonesByName', () => {
  it('orders by name with labels reversed and pages with NextDNSName/NextHostedZoneId', async () => {
    const suffix = `${uniqueName('byname')}.test`;
    const names = ['b.a', 'a.b', 'a', 'c', 'z.a'].map((prefix) => `${prefix}.${suffix}`);
    for (const Name of names) {
      await route53.send(new CreateHostedZoneCommand({ Name, CallerReference: uniqueName('ref') }));
    }
    const collected: string[] = [];
    let DNSName: string | undefined = `${suffix}.`;
    let HostedZoneId: string | undefined;
    for (;;) {
      const page: ListHostedZonesByNameCommandOutput = await route53.send(
        new ListHostedZonesByNameCommand({ DNSName, HostedZoneId, MaxItems: 2 }),
      );
      expect(page.DNSName).toBe(DNSName);
      collected.push(...page.HostedZones!.map((zone) => zone.Name!));
      if (!page.IsTruncated) break;
      expect(page.NextDNSName).toBeDefined();
      expect(page.NextHostedZoneId).toMatch(/^Z/);
      DNSName = page.NextDNSName;
      HostedZoneId = page.NextHostedZoneId;
    }
    const ours = collected.filter((name) => name.endsWith(`${suffix}.`));
    // Reversed: a, a.b (b.a), a.z (z.a), b.a (a.b), c.
    expect(ours).toEqual(['a', 'b.a', 'z.a', 'a.b', 'c'].map((prefix) => `${prefix}.${suffix}.`));
  });

  it('refuses HostedZoneId without DNSName with InvalidInput', async () => {
    await expectAwsError(
      route53.send(new ListHostedZonesByNameCommand({ HostedZoneId: 'Z0000000000000000000Q' })),
      'InvalidInput',
      400,
    );
  });

  it('refuses an invalid DNSName with InvalidDomainName', async () => {
    await expectAwsError(
      route53.send(new ListHostedZonesByNameCommand({ DNSName: 'bad..name' })),
      'InvalidDomainName',
      400,
    );
  });
});

// Filling an account to its quota needs a fresh account of its own, which only an in-process
// sandbox can give; against a shared endpoint it would exhaust the operator's real quota.
describe.skipIf(isExternalTarget)('hosted zone quota', () => {
  it('refuses the 501st zone with TooManyHostedZones and creates nothing', async () => {
    const fresh = await startConformanceTarget();
    try {
      const client = fresh.route53();
      const { sandbox } = fresh;
      // The parent zone of the base domain is the account's first zone.
      for (let i = sandbox!.route53.store.zones.size; i < 500; i++) {
        await client.send(
          new CreateHostedZoneCommand({ Name: `q${i}.quota.test`, CallerReference: `quota-${i}` }),
        );
      }
      await expectAwsError(
        client.send(
          new CreateHostedZoneCommand({ Name: 'over.quota.test', CallerReference: 'quota-over' }),
        ),
        'TooManyHostedZones',
        400,
      );
      expect(sandbox!.route53.store.zones.size).toBe(500);
    } finally {
      await fresh.close();
    }
  });
});
