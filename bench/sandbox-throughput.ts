// Route 53 sandbox throughput and memory, through the real SDK against a sandbox in its own
// process (throttling off). Run: npx tsx bench/sandbox-throughput.ts [--quick]
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Change,
} from '@aws-sdk/client-route-53';
import { cpus } from 'node:os';
import { formatLoad, mb, runLoad, runReadLoadInProcesses } from './bench-helpers';
import { spawnSandbox, type SandboxProcess } from './sandbox-process';

const quick = process.argv.includes('--quick');
const CONCURRENCY = 32;

function clientFor(sandbox: SandboxProcess): Route53Client {
  return new Route53Client({
    endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID!,
      secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY!,
    },
  });
}

async function stats(sandbox: SandboxProcess) {
  const response = await fetch(`${sandbox.env.AWS_ENDPOINT_URL_ROUTE_53}/_sandbox/stats`);
  return (await response.json()) as {
    totals: { calls: number; throttled: number; errors: number };
    memory: { rssBytes: number; heapUsedBytes: number };
  };
}

async function createZones(
  client: Route53Client,
  count: number,
  prefix: string,
): Promise<string[]> {
  const ids: string[] = [];
  await runLoad(count, 8, async (i) => {
    const created = await client.send(
      new CreateHostedZoneCommand({
        Name: `${prefix}${i}.bench.test`,
        CallerReference: `${prefix}-${i}-${Date.now()}`,
      }),
    );
    ids[i] = created.HostedZone!.Id!;
  });
  return ids;
}

const aRecords = (zone: string, from: number, count: number): Change[] =>
  Array.from({ length: count }, (_, i) => ({
    Action: 'CREATE',
    ResourceRecordSet: {
      Name: `host-${from + i}.svc.${zone}`,
      Type: 'A',
      TTL: 300,
      ResourceRecords: [
        { Value: `10.${((from + i) >> 16) & 255}.${((from + i) >> 8) & 255}.${(from + i) & 255}` },
      ],
    },
  }));

async function throughput(): Promise<string[]> {
  const sandbox = await spawnSandbox(['--no-throttling']);
  const client = clientFor(sandbox);
  const lines: string[] = [];
  try {
    const zoneIds = await createZones(client, 20, 'read');
    for (const [z, id] of zoneIds.entries()) {
      await client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: id,
          ChangeBatch: { Changes: aRecords(`read${z}.bench.test`, 0, 500) },
        }),
      );
    }
    const zoneOf = (i: number) => zoneIds[i % zoneIds.length]!;
    // Warm-up: JIT and keep-alive sockets, not measured.
    await runLoad(2_000, CONCURRENCY, (i) =>
      client.send(new GetHostedZoneCommand({ Id: zoneOf(i) })),
    );

    const reads = quick ? 5_000 : 30_000;
    const getZone = await runLoad(reads, CONCURRENCY, (i) =>
      client.send(new GetHostedZoneCommand({ Id: zoneOf(i) })),
    );
    lines.push(formatLoad(`GetHostedZone, 1 client process (concurrency ${CONCURRENCY})`, getZone));
    const readRequest = {
      endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53!,
      credentials: {
        accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID!,
        secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY!,
      },
      zoneIds,
      zoneNames: zoneIds.map((_, z) => `read${z}.bench.test`),
      calls: reads,
      concurrency: CONCURRENCY / 2,
    };
    const getZone2 = await runReadLoadInProcesses(2, {
      ...readRequest,
      operation: 'GetHostedZone',
    });
    lines.push(
      formatLoad(
        `GetHostedZone, 2 client processes (concurrency ${CONCURRENCY / 2} each)`,
        getZone2,
      ),
    );

    const smallPage = await runLoad(reads, CONCURRENCY, (i) =>
      client.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: zoneOf(i),
          StartRecordName: `host-${i % 500}.svc.read${i % 20}.bench.test`,
          MaxItems: 10,
        }),
      ),
    );
    lines.push(
      formatLoad(
        'ListResourceRecordSets, 10-record pages from a start name, 1 client process',
        smallPage,
      ),
    );
    const smallPage2 = await runReadLoadInProcesses(2, {
      ...readRequest,
      operation: 'ListResourceRecordSets',
    });
    lines.push(
      formatLoad('ListResourceRecordSets, 10-record pages, 2 client processes', smallPage2),
    );

    const fullPages = quick ? 500 : 3_000;
    const fullPage = await runLoad(fullPages, CONCURRENCY, (i) =>
      client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneOf(i) })),
    );
    lines.push(formatLoad('ListResourceRecordSets, full 300-record pages', fullPage));

    const changes = quick ? 1_000 : 5_000;
    const singleChange = await runLoad(changes, CONCURRENCY, (i) =>
      client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneOf(i),
          ChangeBatch: {
            Changes: [
              { ...aRecords(`read${i % 20}.bench.test`, 1_000 + i, 1)[0]!, Action: 'UPSERT' },
            ],
          },
        }),
      ),
    );
    lines.push(formatLoad('ChangeResourceRecordSets, 1 UPSERT per batch', singleChange));

    const batches = quick ? 50 : 200;
    const bigBatch = await runLoad(batches, 8, (i) =>
      client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneOf(i),
          ChangeBatch: { Changes: aRecords(`read${i % 20}.bench.test`, 100_000 + i * 500, 500) },
        }),
      ),
    );
    lines.push(
      `${formatLoad('ChangeResourceRecordSets, 500 CREATEs per batch (concurrency 8)', bigBatch)} = ${(bigBatch.perSecond * 500).toFixed(0)} records/s`,
    );
    const totals = (await stats(sandbox)).totals;
    lines.push(
      `server counted ${totals.calls} calls, ${totals.throttled} throttled, ${totals.errors} errors`,
    );
  } finally {
    client.destroy();
    await sandbox.stop();
  }
  return lines;
}

async function memory(): Promise<string[]> {
  const zones = quick ? 50 : 500;
  const sandbox = await spawnSandbox(['--no-throttling']);
  const client = clientFor(sandbox);
  try {
    const before = (await stats(sandbox)).memory;
    // The parent zone counts towards the 500-zone quota, so it is filled like the others.
    const parentId = (
      await client.send(new GetHostedZoneCommand({ Id: await firstZone(sandbox, client) }))
    ).HostedZone!;
    const ids = [parentId.Id!, ...(await createZones(client, zones - 1, 'mem'))];
    const names = [
      parentId.Name!,
      ...Array.from({ length: zones - 1 }, (_, i) => `mem${i}.bench.test.`),
    ];
    const started = performance.now();
    await runLoad(ids.length * 2, 4, (i) =>
      client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: ids[i >> 1],
          ChangeBatch: { Changes: aRecords(names[i >> 1]!, (i & 1) * 1_000, 1_000) },
        }),
      ),
    );
    const fillSeconds = (performance.now() - started) / 1000;
    const after = (await stats(sandbox)).memory;
    return [
      `${zones} zones x 2,000 records (${(zones * 2_000).toLocaleString('en')} records) loaded in ${fillSeconds.toFixed(1)} s through the SDK`,
      `sandbox process before: RSS ${mb(before.rssBytes)}, heap used ${mb(before.heapUsedBytes)}`,
      `sandbox process after:  RSS ${mb(after.rssBytes)}, heap used ${mb(after.heapUsedBytes)}`,
    ];
  } finally {
    client.destroy();
    await sandbox.stop();
  }
}

async function firstZone(sandbox: SandboxProcess, client: Route53Client): Promise<string> {
  void sandbox;
  const { ListHostedZonesCommand } = await import('@aws-sdk/client-route-53');
  const listed = await client.send(new ListHostedZonesCommand({}));
  return listed.HostedZones![0]!.Id!;
}

async function main() {
  console.log(
    `machine: ${cpus().length} cores, ${cpus()[0]?.model}, Node ${process.version}, ${new Date().toISOString()}`,
  );
  for (const line of await throughput()) console.log(line);
  for (const line of await memory()) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
