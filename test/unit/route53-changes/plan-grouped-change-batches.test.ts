// Groups of changes (a record with its TXT registry records) cut into batches without splitting a
// group, each batch within Route 53's limits as changeCost counts them.
import type { Change } from '@aws-sdk/client-route-53';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCost,
  changeCost,
  NO_COST,
  withinLimits,
} from '@/server/route53-changes/change-batch-cost';
import { ChangeTooLarge } from '@/server/route53-changes/plan-change-batches';
import { planGroupedChangeBatches } from '@/server/route53-changes/plan-grouped-change-batches';

type Action = 'CREATE' | 'UPSERT' | 'DELETE';

const record = (action: Action, name: string, values: string[]): Change => ({
  Action: action,
  ResourceRecordSet: {
    Name: name,
    Type: 'TXT',
    TTL: 300,
    ResourceRecords: values.map((Value) => ({ Value })),
  },
});
const alias = (name: string): Change => ({
  Action: 'DELETE',
  ResourceRecordSet: {
    Name: name,
    Type: 'A',
    AliasTarget: { HostedZoneId: 'Z1', DNSName: 'lb.example.', EvaluateTargetHealth: false },
  },
});
const batchCost = (batch: readonly Change[]) => batch.map(changeCost).reduce(addCost, NO_COST);

describe('planGroupedChangeBatches', () => {
  it('keeps every group whole and in order, cutting only between groups', () => {
    // 300 pairs of 100-character values: 60,000 characters, so the cut falls between pairs.
    const groups = Array.from({ length: 300 }, (_, i) => [
      record('DELETE', `r${i}.`, ['x'.repeat(100)]),
      record('DELETE', `cname-r${i}.`, ['y'.repeat(100)]),
    ]);
    const batches = planGroupedChangeBatches(groups);
    expect(batches.map((b) => b.length)).toEqual([320, 280]);
    expect(batches.flat()).toEqual(groups.flat());
    for (const batch of batches) expect(withinLimits(batchCost(batch))).toBe(true);
  });

  it('counts an alias as one record and an UPSERT twice, as changeCost does', () => {
    const aliases = Array.from({ length: 1001 }, (_, i) => [alias(`a${i}.`)]);
    expect(planGroupedChangeBatches(aliases).map((b) => b.length)).toEqual([1000, 1]);
    const upserts = Array.from({ length: 501 }, (_, i) => [record('UPSERT', `u${i}.`, ['v'])]);
    expect(planGroupedChangeBatches(upserts).map((b) => b.length)).toEqual([500, 1]);
  });

  it('refuses a group that no request can hold, before anything is sent', () => {
    const huge = [
      record('DELETE', 'a.', ['x'.repeat(20_000)]),
      record('DELETE', 'b.', ['y'.repeat(20_000)]),
    ];
    expect(() => planGroupedChangeBatches([huge])).toThrow(ChangeTooLarge);
  });

  it('never splits a group and never exceeds the limits (property)', () => {
    const groupArb = fc.array(
      fc.record({
        action: fc.constantFrom<Action>('CREATE', 'UPSERT', 'DELETE'),
        values: fc.array(fc.integer({ min: 1, max: 2_000 }), { minLength: 0, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 60 }), (specs) => {
        const groups = specs.map((spec, g) =>
          spec.map(({ action, values }, i) =>
            values.length === 0
              ? alias(`g${g}-${i}.`)
              : record(
                  action,
                  `g${g}-${i}.`,
                  values.map((n) => 'v'.repeat(n)),
                ),
          ),
        );
        const batches = planGroupedChangeBatches(groups);
        expect(batches.flat()).toEqual(groups.flat());
        for (const batch of batches) expect(withinLimits(batchCost(batch))).toBe(true);
        // Each group lies in exactly one batch.
        const batchOf = new Map<string, number>();
        batches.forEach((batch, b) => {
          for (const change of batch) batchOf.set(change.ResourceRecordSet!.Name!, b);
        });
        groups.forEach((group, g) => {
          const seen = new Set(group.map((_, i) => batchOf.get(`g${g}-${i}.`)));
          expect(seen.size).toBe(1);
        });
      }),
    );
  });
});
