// Injected faults over the HTTP control endpoints: errors, dropped connections, latency, and the
// SDK's retries. They steer the sandbox itself, so they skip against an external target.
import {
  GetHostedZoneCommand,
  GetHostedZoneCountCommand,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  isExternalTarget,
  startConformanceTarget,
  type ConformanceTarget,
} from '../sandbox-target';
import { createZone, expectAwsError } from './route53-test-helpers';
import { control, readStats } from '../sandbox-control';

let target: ConformanceTarget;
let route53: Route53Client;
let zoneId: string;
beforeAll(async () => {
  target = await startConformanceTarget();
  route53 = target.route53();
  zoneId = (await createZone(route53)).id;
});
afterAll(() => target.close());
afterEach(async () => {
  await control(target, 'DELETE', 'faults');
});

describe.skipIf(isExternalTarget)('fault injection', () => {
  it('fails the next N calls of one operation with InternalFailure (500), then recovers', async () => {
    await control(target, 'POST', 'faults', { operation: 'GetHostedZone', failNext: 2 });
    await expectAwsError(
      route53.send(new GetHostedZoneCommand({ Id: zoneId })),
      'InternalFailure',
      500,
    );
    await route53.send(new GetHostedZoneCountCommand({}));
    await expectAwsError(
      route53.send(new GetHostedZoneCommand({ Id: zoneId })),
      'InternalFailure',
      500,
    );
    await route53.send(new GetHostedZoneCommand({ Id: zoneId }));
  });

  it('lets the SDK retry through injected failures', async () => {
    await control(target, 'POST', 'faults', { operation: 'GetHostedZone', failNext: 2 });
    const result = await target
      .route53({ maxAttempts: 3 })
      .send(new GetHostedZoneCommand({ Id: zoneId }));
    expect(result.$metadata.attempts).toBe(3);
  });

  it('injects Throttling at an error rate', async () => {
    await control(target, 'POST', 'faults', {
      operation: 'GetHostedZoneCount',
      errorRate: 1,
      errorKind: 'Throttling',
    });
    await expectAwsError(
      route53.send(new GetHostedZoneCountCommand({})),
      'Throttling',
      400,
      /Rate exceeded/,
    );
  });

  it('drops the connection', async () => {
    await control(target, 'POST', 'faults', { failNext: 1, failNextKind: 'DropConnection' });
    const error = (await route53
      .send(new GetHostedZoneCountCommand({}))
      .catch((e: unknown) => e)) as {
      $metadata?: { httpStatusCode?: number };
    };
    expect(error).toBeInstanceOf(Error);
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
  });

  it('adds latency', async () => {
    await control(target, 'POST', 'faults', { operation: 'GetHostedZoneCount', latencyMs: 250 });
    const started = performance.now();
    await route53.send(new GetHostedZoneCountCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('counts calls and injected faults per operation in GET /_sandbox/stats', async () => {
    await control(target, 'POST', 'stats/reset');
    await control(target, 'POST', 'faults', { operation: 'GetHostedZone', failNext: 1 });
    await route53.send(new GetHostedZoneCommand({ Id: zoneId })).catch(() => undefined);
    await route53.send(new GetHostedZoneCommand({ Id: zoneId }));
    const stats = await readStats(target);
    expect(stats.operations.GetHostedZone).toMatchObject({
      calls: 2,
      injectedFaults: 1,
      throttled: 0,
    });
  });

  it('takes a rate-limit token for a call it fails on purpose, as AWS does for any answer', async () => {
    // Two tokens and next to no refill: two faulted calls use them up, so the third is throttled.
    await control(target, 'POST', 'throttling', {
      enabled: true,
      account: { capacity: 2, refillPerSecond: 0.001 },
    });
    try {
      await control(target, 'POST', 'stats/reset');
      await control(target, 'POST', 'faults', { operation: 'GetHostedZone', failNext: 2 });
      for (let i = 0; i < 2; i += 1) {
        await expectAwsError(
          route53.send(new GetHostedZoneCommand({ Id: zoneId })),
          'InternalFailure',
          500,
        );
      }
      await expectAwsError(
        route53.send(new GetHostedZoneCommand({ Id: zoneId })),
        'Throttling',
        400,
      );
      expect((await readStats(target)).operations.GetHostedZone).toMatchObject({
        calls: 3,
        injectedFaults: 2,
        throttled: 1,
      });
    } finally {
      await control(target, 'POST', 'throttling', { enabled: false });
    }
  });

  it('refuses an unknown fault kind', async () => {
    await expect(
      control(target, 'POST', 'faults', { errorRate: 1, errorKind: 'Meteor' }),
    ).rejects.toThrow(/400/);
  });
});
