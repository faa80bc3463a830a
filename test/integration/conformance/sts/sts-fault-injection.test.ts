// Injected STS faults, seen through the real @aws-sdk/client-sts: STS's InternalFailure (500) and
// Throttling (400), failNext, and counts kept per service. They steer the sandbox itself, so they
// skip against an external target.
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  externalAwsTarget,
  rejectionOf,
  startControlledSandbox,
  stsClient,
} from '../iam/aws-target';
import { control, readStats } from '../sandbox-control';

describe.skipIf(externalAwsTarget)('STS fault injection', () => {
  let target: Awaited<ReturnType<typeof startControlledSandbox>>;
  let sts: STSClient;
  const controlEndpoint = () => ({ endpoint: target.sandbox.endpoints.route53 });

  beforeAll(async () => {
    target = await startControlledSandbox();
    sts = stsClient(target);
  });
  afterEach(async () => {
    await control(controlEndpoint(), 'DELETE', 'faults');
  });
  afterAll(async () => {
    sts.destroy();
    await target.close();
  });

  it('fails the next N GetCallerIdentity calls with InternalFailure (500), then recovers', async () => {
    await control(controlEndpoint(), 'POST', 'faults', {
      service: 'sts',
      operation: 'GetCallerIdentity',
      failNext: 2,
    });
    for (let i = 0; i < 2; i += 1) {
      const error = await rejectionOf(sts.send(new GetCallerIdentityCommand({})));
      expect(error.name).toBe('InternalFailure');
      expect(error.$metadata.httpStatusCode).toBe(500);
    }
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(
      target.sandbox.accountId,
    );
  });

  it('injects Throttling (400, "Rate exceeded") at an error rate', async () => {
    await control(controlEndpoint(), 'POST', 'faults', {
      service: 'sts',
      errorRate: 1,
      errorKind: 'Throttling',
    });
    const error = await rejectionOf(sts.send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('Throttling');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("keeps each service's faults to itself, and DELETE without a service clears them all", async () => {
    await control(controlEndpoint(), 'POST', 'faults', { service: 'iam', errorRate: 1 });
    await control(controlEndpoint(), 'POST', 'faults', { errorRate: 1 });
    await sts.send(new GetCallerIdentityCommand({}));

    await control(controlEndpoint(), 'POST', 'faults', { service: 'sts', errorRate: 1 });
    await control(controlEndpoint(), 'DELETE', 'faults');
    for (const service of ['route53', 'iam', 'sts']) {
      expect(await control(controlEndpoint(), 'GET', `faults?service=${service}`)).toEqual({});
    }
    await sts.send(new GetCallerIdentityCommand({}));
  });

  it('counts calls and injected faults in GET /_sandbox/stats?service=sts', async () => {
    await control(controlEndpoint(), 'POST', 'stats/reset?service=sts');
    await control(controlEndpoint(), 'POST', 'faults', { service: 'sts', failNext: 1 });
    await rejectionOf(sts.send(new GetCallerIdentityCommand({})));
    await sts.send(new GetCallerIdentityCommand({}));
    expect((await readStats(controlEndpoint(), 'sts')).operations).toEqual({
      GetCallerIdentity: expect.objectContaining({ calls: 2, injectedFaults: 1, errors: 0 }),
    });
  });
});
