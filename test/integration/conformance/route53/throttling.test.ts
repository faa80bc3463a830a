// Route 53's token-bucket throttling and PriorRequestNotComplete, seen through the SDK, and the
// SDK's retries absorbing them. These tests reconfigure the sandbox's limits, which an external
// target (real AWS or a shared endpoint) does not let a test do, so they skip there.
import {
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  isExternalTarget,
  startConformanceTarget,
  uniqueName,
  type ConformanceTarget,
} from '../sandbox-target';
import { aRecord, changeRecords, createZone, expectAwsError } from './route53-test-helpers';
import { control, readStats } from '../sandbox-control';

let target: ConformanceTarget;
let route53: Route53Client;
let zone: { id: string; name: string };
beforeAll(async () => {
  target = await startConformanceTarget();
  route53 = target.route53();
  zone = await createZone(route53, 'throttle');
});
afterAll(() => target.close());
beforeEach(async () => {
  await control(target, 'POST', 'stats/reset');
});

const settle = (promises: Promise<unknown>[]) => Promise.allSettled(promises);
const restoreDefaults = {
  enabled: true,
  account: { capacity: 50, refillPerSecond: 10 },
  defaultOperation: { capacity: 50, refillPerSecond: 10 },
};

describe.skipIf(isExternalTarget)('token buckets', () => {
  it('throttles a burst beyond the account bucket (50) with Throttling, HTTP 400, "Rate exceeded"', async () => {
    await control(target, 'POST', 'throttling', restoreDefaults);
    const results = await settle(
      Array.from({ length: 80 }, () => route53.send(new GetHostedZoneCommand({ Id: zone.id }))),
    );
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason);
    // 50 tokens up front; the burst itself lasts long enough for a few refills.
    expect(refused.length).toBeGreaterThanOrEqual(15);
    expect(refused.length).toBeLessThanOrEqual(30);
    expect(refused[0]).toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    const stats = await readStats(target);
    expect(stats.operations.GetHostedZone).toMatchObject({ calls: 80, throttled: refused.length });
  });

  it('gives CreateHostedZone its own smaller bucket (40)', async () => {
    await control(target, 'POST', 'throttling', restoreDefaults);
    const create = () =>
      route53.send(
        new CreateHostedZoneCommand({
          Name: `${uniqueName('c')}.test`,
          CallerReference: uniqueName('r'),
        }),
      );
    const results = await settle(Array.from({ length: 45 }, create));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeLessThanOrEqual(5);
    await route53.send(new GetHostedZoneCommand({ Id: zone.id }));
  });

  it("is absorbed by the SDK's retries with backoff", async () => {
    await control(target, 'POST', 'throttling', {
      enabled: true,
      account: { capacity: 5, refillPerSecond: 40 },
    });
    const patient = target.route53({ maxAttempts: 10 });
    const results = await Promise.all(
      Array.from({ length: 30 }, () => patient.send(new GetHostedZoneCommand({ Id: zone.id }))),
    );
    expect(results).toHaveLength(30);
    expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
    expect((await readStats(target)).operations.GetHostedZone!.throttled).toBeGreaterThan(0);
  });

  it('can be switched off over HTTP', async () => {
    await control(target, 'POST', 'throttling', { enabled: false });
    const results = await settle(
      Array.from({ length: 120 }, () => route53.send(new GetHostedZoneCommand({ Id: zone.id }))),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
  });
});

describe.skipIf(isExternalTarget)('PriorRequestNotComplete', () => {
  const burst = (client: Route53Client, prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) =>
      changeRecords(client, zone.id, [
        { Action: 'CREATE', ResourceRecordSet: aRecord(`${prefix}${i}.${zone.name}`) },
      ]),
    );

  it('refuses a change that overlaps one still processed, never the next sequential one', async () => {
    await control(target, 'POST', 'throttling', {
      enabled: false,
      priorRequest: { enabled: true, processingMs: 300 },
    });
    const pair = await settle(burst(route53, 'p', 2));
    expect(pair.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const overlapping = pair.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    await expectAwsError(Promise.reject(overlapping.reason), 'PriorRequestNotComplete', 400);
    // Sent after the answer: the zone is free, however long processing takes.
    await changeRecords(route53, zone.id, [
      { Action: 'CREATE', ResourceRecordSet: aRecord(`p-after.${zone.name}`) },
    ]);
    // A different zone is not blocked.
    const other = await createZone(route53);
    await changeRecords(route53, other.id, [
      { Action: 'CREATE', ResourceRecordSet: aRecord(`p1.${other.name}`) },
    ]);
    expect(
      (await readStats(target)).operations.ChangeResourceRecordSets!.priorRequestNotComplete,
    ).toBe(1);
  });

  it("is absorbed by the SDK's retries when changes to one zone overlap", async () => {
    await control(target, 'POST', 'throttling', {
      enabled: false,
      priorRequest: { enabled: true, processingMs: 50 },
    });
    const patient = target.route53({ maxAttempts: 10 });
    const results = await Promise.all(burst(patient, 'q', 4));
    expect(results).toHaveLength(4);
    expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
    expect(
      (await readStats(target)).operations.ChangeResourceRecordSets!.priorRequestNotComplete,
    ).toBeGreaterThanOrEqual(1);
    await control(target, 'POST', 'throttling', { priorRequest: { processingMs: 100 } });
  });
});
