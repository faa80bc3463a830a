// Injected IAM faults, seen through the real @aws-sdk/client-iam: IAM's own ServiceFailure (500)
// and Throttling (400) in its Query XML, dropped connections, failNext, the SDK's retries, and
// the per-operation counts. They steer the sandbox itself, so they skip against an external target.
import {
  CreateUserCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordRawResponses } from '../route53/route53-test-helpers';
import { control, readStats } from '../sandbox-control';
import {
  externalAwsTarget,
  iamClient,
  rejectionOf,
  removeUser,
  startControlledSandbox,
  uniqueName,
} from './aws-target';

describe.skipIf(externalAwsTarget)('IAM fault injection', () => {
  let target: Awaited<ReturnType<typeof startControlledSandbox>>;
  let iam: IAMClient;
  const controlEndpoint = () => ({ endpoint: target.sandbox.endpoints.route53 });
  const createdUsers: string[] = [];

  beforeAll(async () => {
    target = await startControlledSandbox();
    iam = iamClient(target);
  });
  afterEach(async () => {
    await control(controlEndpoint(), 'DELETE', 'faults');
  });
  afterAll(async () => {
    for (const userName of createdUsers) await removeUser(iam, userName);
    iam.destroy();
    await target.close();
  });

  const newUserName = () => {
    const userName = uniqueName('zk-fault');
    createdUsers.push(userName);
    return userName;
  };

  it('fails the next call of one operation with ServiceFailure (500) before running it', async () => {
    await control(controlEndpoint(), 'POST', 'faults', {
      service: 'iam',
      operation: 'CreateUser',
      failNext: 1,
    });
    const userName = newUserName();
    const error = await rejectionOf(iam.send(new CreateUserCommand({ UserName: userName })));
    expect(error.name).toBe('ServiceFailureException');
    expect(error.$metadata.httpStatusCode).toBe(500);
    // Nothing was created, and the fault is spent.
    expect((await rejectionOf(iam.send(new GetUserCommand({ UserName: userName })))).name).toBe(
      'NoSuchEntityException',
    );
    await iam.send(new CreateUserCommand({ UserName: userName }));
  });

  it("answers in IAM's Query XML: Receiver, ServiceFailure", async () => {
    const raw = recordRawResponses();
    const client = new IAMClient({
      region: 'us-east-1',
      endpoint: target.iamEndpoint,
      credentials: target.platformCredentials,
      maxAttempts: 1,
      requestHandler: raw.requestHandler,
    });
    await control(controlEndpoint(), 'POST', 'faults', { service: 'iam', failNext: 1 });
    await rejectionOf(client.send(new ListUsersCommand({})));
    expect(raw.bodies()[0]).toMatch(
      /<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Receiver<\/Type><Code>ServiceFailure<\/Code>/,
    );
    client.destroy();
  });

  it('injects Throttling (400, "Rate exceeded") at an error rate', async () => {
    await control(controlEndpoint(), 'POST', 'faults', {
      service: 'iam',
      operation: 'ListUsers',
      errorRate: 1,
      errorKind: 'Throttling',
    });
    const error = await rejectionOf(iam.send(new ListUsersCommand({})));
    expect(error.name).toBe('Throttling');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('drops the connection', async () => {
    await control(controlEndpoint(), 'POST', 'faults', {
      service: 'iam',
      failNext: 1,
      failNextKind: 'DropConnection',
    });
    const error = await rejectionOf(iam.send(new ListUsersCommand({})));
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
  });

  it("lets the SDK's retries absorb ServiceFailure", async () => {
    await control(controlEndpoint(), 'POST', 'faults', {
      service: 'iam',
      operation: 'ListUsers',
      failNext: 2,
    });
    const patient = new IAMClient({
      region: 'us-east-1',
      endpoint: target.iamEndpoint,
      credentials: target.platformCredentials,
      maxAttempts: 3,
    });
    const result = await patient.send(new ListUsersCommand({}));
    expect(result.$metadata.attempts).toBe(3);
    patient.destroy();
  });

  it("counts IAM's calls and injected faults apart from Route 53's", async () => {
    await control(controlEndpoint(), 'POST', 'stats/reset');
    await control(controlEndpoint(), 'POST', 'faults', {
      service: 'iam',
      operation: 'ListUsers',
      failNext: 1,
    });
    await rejectionOf(iam.send(new ListUsersCommand({})));
    await iam.send(new ListUsersCommand({}));
    expect((await readStats(controlEndpoint(), 'iam')).operations.ListUsers).toMatchObject({
      calls: 2,
      injectedFaults: 1,
    });
    expect((await readStats(controlEndpoint(), 'route53')).operations).toEqual({});
  });

  it('is steered in-process through the handles startSandbox returns', async () => {
    const { faults, stats } = target.sandbox.controls.iam;
    stats.reset();
    faults.set('GetUser', { failNext: 1, failNextKind: 'Throttling' });
    const userName = newUserName();
    await iam.send(new CreateUserCommand({ UserName: userName }));
    expect((await rejectionOf(iam.send(new GetUserCommand({ UserName: userName })))).name).toBe(
      'Throttling',
    );
    await iam.send(new GetUserCommand({ UserName: userName }));
    expect(stats.snapshot().operations.GetUser).toMatchObject({ calls: 2, injectedFaults: 1 });
  });

  it('refuses an unknown service or fault field', async () => {
    await expect(
      control(controlEndpoint(), 'POST', 'faults', { service: 'ec2', failNext: 1 }),
    ).rejects.toThrow(/400/);
    await expect(
      control(controlEndpoint(), 'POST', 'faults', { service: 'iam', failnext: 1 }),
    ).rejects.toThrow(/400/);
  });
});
