// Changes to one zone against the sandbox as `npm start` and `npm run sandbox` run it (token
// buckets and PriorRequestNotComplete on): AWS refuses a change only while an earlier change to
// the same zone is still being processed, so a client that waits for each answer never sees it.
import type { Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  isExternalTarget,
  startDefaultConformanceTarget,
  type ConformanceTarget,
} from '../sandbox-target';
import { control, readStats } from '../sandbox-control';
import { aRecord, changeRecords, createZone, listAllRecords } from './route53-test-helpers';

let target: ConformanceTarget;
let route53: Route53Client;
beforeAll(async () => {
  target = await startDefaultConformanceTarget();
  // One attempt (the target's default): every answer is the sandbox's, none a retry's.
  route53 = target.route53();
});
afterAll(() => target.close());
beforeEach(async () => {
  if (!isExternalTarget) await control(target, 'POST', 'stats/reset');
});

describe('changes to one zone in the default configuration', () => {
  it('accepts a sequential CREATE, UPSERT, DELETE, CREATE of one name, each answered at once', async () => {
    const zone = await createZone(route53, 'sequential');
    const name = `www.${zone.name}`;
    const steps = [
      { Action: 'CREATE' as const, ResourceRecordSet: aRecord(name, '192.0.2.1') },
      { Action: 'UPSERT' as const, ResourceRecordSet: aRecord(name, '192.0.2.2') },
      { Action: 'DELETE' as const, ResourceRecordSet: aRecord(name, '192.0.2.2') },
      { Action: 'CREATE' as const, ResourceRecordSet: aRecord(name, '192.0.2.3') },
    ];
    for (const change of steps) {
      const answer = await changeRecords(route53, zone.id, [change]);
      expect(answer.ChangeInfo?.Status).toBe('PENDING');
      expect(answer.$metadata.attempts).toBe(1);
    }
    const records = await listAllRecords(route53, zone.id);
    expect(records.find((r) => r.Name === name && r.Type === 'A')?.ResourceRecords).toEqual([
      { Value: '192.0.2.3' },
    ]);
  });

  it('accepts twenty sequential changes to one zone from a client that never retries', async () => {
    const zone = await createZone(route53, 'sequential');
    for (let i = 0; i < 20; i++) {
      await changeRecords(route53, zone.id, [
        { Action: 'CREATE', ResourceRecordSet: aRecord(`r${i}.${zone.name}`) },
      ]);
    }
    const records = await listAllRecords(route53, zone.id);
    expect(records.filter((r) => r.Type === 'A')).toHaveLength(20);
    if (!isExternalTarget) {
      const stats = await readStats(target);
      expect(stats.operations.ChangeResourceRecordSets).toMatchObject({
        calls: 20,
        priorRequestNotComplete: 0,
      });
    }
  });

  // AWS does not promise to refuse an overlap (it may finish first), so only the sandbox is judged.
  it.skipIf(isExternalTarget)(
    'refuses changes that arrive while another to the same zone is processed, and only those',
    async () => {
      const zone = await createZone(route53, 'overlap');
      const other = await createZone(route53, 'overlap');
      const burst = Array.from({ length: 10 }, (_, i) =>
        changeRecords(route53, zone.id, [
          { Action: 'CREATE', ResourceRecordSet: aRecord(`c${i}.${zone.name}`) },
        ]),
      );
      // A change to another zone overlaps the burst and is not held up by it.
      const elsewhere = changeRecords(route53, other.id, [
        { Action: 'CREATE', ResourceRecordSet: aRecord(`c.${other.name}`) },
      ]);
      const results = await Promise.allSettled(burst);
      await expect(elsewhere).resolves.toBeDefined();
      const refused = results
        .filter((r) => r.status === 'rejected')
        .map((r) => (r as PromiseRejectedResult).reason as Record<string, unknown>);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.length).toBeLessThan(10);
      for (const error of refused) {
        expect(error).toMatchObject({
          name: 'PriorRequestNotComplete',
          $metadata: { httpStatusCode: 400 },
        });
      }
      const accepted = results.length - refused.length;
      const records = await listAllRecords(route53, zone.id);
      expect(records.filter((r) => r.Type === 'A')).toHaveLength(accepted);
      const stats = await readStats(target);
      expect(stats.operations.ChangeResourceRecordSets!.priorRequestNotComplete).toBe(
        refused.length,
      );
    },
  );
});
