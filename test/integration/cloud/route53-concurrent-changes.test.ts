// The Route 53 adapter against the sandbox in its default configuration: changes to one zone that
// overlap are refused with PriorRequestNotComplete now and then, and the adapter retries them
// until every one is applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { changeRecordSets, createHostedZone, listAllRecordSets } from '@/server/cloud/route53';
import { readStats } from '../conformance/sandbox-control';
import { startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('Route 53 adapter, concurrent changes to one zone', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
  });
  afterAll(() => sandbox?.close());

  it('retries PriorRequestNotComplete until every overlapping change is applied', async () => {
    const zone = await createHostedZone('overlap.zonekeeper.test', 'zk-test-overlap');
    const target = { endpoint: sandbox.endpoints.route53 };
    const changes = Array.from({ length: 8 }, (_, i) =>
      changeRecordSets(
        zone.zoneId,
        [
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: `r${i}.overlap.zonekeeper.test.`,
              Type: 'TXT',
              TTL: 300,
              ResourceRecords: [{ Value: `"${i}"` }],
            },
          },
        ],
        `change ${i}`,
      ),
    );
    const changeIds = await Promise.all(changes);
    expect(new Set(changeIds).size).toBe(8);

    const names: string[] = [];
    for await (const page of listAllRecordSets(zone.zoneId)) {
      names.push(...page.filter((r) => r.Type === 'TXT').map((r) => r.Name ?? ''));
    }
    expect(names.sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `r${i}.overlap.zonekeeper.test.`).sort(),
    );
    const stats = (await readStats(target)).operations.ChangeResourceRecordSets!;
    expect(stats.priorRequestNotComplete).toBeGreaterThan(0);
    expect(stats.calls).toBe(8 + stats.priorRequestNotComplete);
  });
});
