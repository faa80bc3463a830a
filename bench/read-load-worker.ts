// One client process of the read benchmark: the SDK's per-call CPU, not the sandbox, limits a
// single client, so the benchmark runs several of these side by side.
import {
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { runLoad } from './bench-helpers';

export interface ReadLoadRequest {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  operation: 'GetHostedZone' | 'ListResourceRecordSets';
  zoneIds: string[];
  zoneNames: string[];
  calls: number;
  concurrency: number;
}

async function main() {
  const request = JSON.parse(process.argv[2]!) as ReadLoadRequest;
  const client = new Route53Client({
    endpoint: request.endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: request.credentials,
  });
  const zone = (i: number) => i % request.zoneIds.length;
  const call = (i: number) =>
    request.operation === 'GetHostedZone'
      ? client.send(new GetHostedZoneCommand({ Id: request.zoneIds[zone(i)] }))
      : client.send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: request.zoneIds[zone(i)],
            StartRecordName: `host-${i % 500}.svc.${request.zoneNames[zone(i)]}`,
            MaxItems: 10,
          }),
        );
  await runLoad(Math.min(1_000, request.calls), request.concurrency, call); // warm-up
  const result = await runLoad(request.calls, request.concurrency, call);
  client.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
