// Shared steps of the Route 53 conformance tests: make a zone, list every record, expect an AWS error.
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type Change,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { uniqueName } from '../sandbox-target';

export async function createZone(client: Route53Client, prefix = 'zone') {
  const name = `${uniqueName(prefix)}.conformance.test`;
  const created = await client.send(
    new CreateHostedZoneCommand({ Name: name, CallerReference: uniqueName('ref') }),
  );
  return { id: created.HostedZone!.Id!, name: `${name}.`, created };
}

export async function listAllRecords(
  client: Route53Client,
  zoneId: string,
): Promise<ResourceRecordSet[]> {
  const records: ResourceRecordSet[] = [];
  let start: {
    StartRecordName?: string;
    StartRecordType?: string;
    StartRecordIdentifier?: string;
  } = {};
  for (;;) {
    const page = await client.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...(start as object) }),
    );
    records.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated) return records;
    start = {
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
      StartRecordIdentifier: page.NextRecordIdentifier,
    };
  }
}

export function aRecord(name: string, value = '192.0.2.1', ttl = 300): ResourceRecordSet {
  return { Name: name, Type: 'A', TTL: ttl, ResourceRecords: [{ Value: value }] };
}

export async function changeRecords(client: Route53Client, zoneId: string, changes: Change[]) {
  return client.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: { Changes: changes },
    }),
  );
}

/** Awaits a rejection and checks it is the named AWS error with AWS's HTTP status. */
export async function expectAwsError(
  promise: Promise<unknown>,
  name: string,
  status: number,
  messagePattern?: RegExp,
) {
  const error = (await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  )) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(error, `expected ${name}`).toBeDefined();
  expect(error?.name).toBe(name);
  expect(error?.$metadata?.httpStatusCode).toBe(status);
  if (messagePattern) expect(error?.message).toMatch(messagePattern);
  return error;
}

/** A request handler that keeps each raw response body (request ids are not part of the body). */
export function recordRawResponses() {
  const inner = new NodeHttpHandler();
  const bodies: string[] = [];
  const requestHandler = {
    handle: async (...args: Parameters<NodeHttpHandler['handle']>) => {
      const result = await inner.handle(...args);
      const chunks: Buffer[] = [];
      for await (const chunk of result.response.body as Readable) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      bodies.push(body.toString('utf8'));
      result.response.body = Readable.from([body]);
      return result;
    },
    destroy: () => inner.destroy(),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
  return { requestHandler, bodies: () => [...bodies] };
}
