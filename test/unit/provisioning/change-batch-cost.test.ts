// Delegation batches stay within Route 53's limits as Route 53 counts them: 1,000 records and
// 32,000 value characters per request, an UPSERT counting twice.
import type { Change } from '@aws-sdk/client-route-53';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_BATCH_LIMITS,
  changeCost,
  splitIntoBatches,
} from '@/server/provisioning/change-batch-cost';

const ns = (action: 'UPSERT' | 'DELETE', values: string[]): Change => ({
  Action: action,
  ResourceRecordSet: {
    Name: 'acme.zonekeeper.test.',
    Type: 'NS',
    TTL: 300,
    ResourceRecords: values.map((Value) => ({ Value })),
  },
});
const FOUR_NS = [
  'ns-1.awsdns-01.org.',
  'ns-2.awsdns-02.co.uk.',
  'ns-3.awsdns-03.com.',
  'ns-4.awsdns-04.net.',
];

describe('changeCost', () => {
  it('counts each value once for a DELETE and twice for an UPSERT', () => {
    const characters = FOUR_NS.join('').length;
    expect(changeCost(ns('DELETE', FOUR_NS))).toEqual({ records: 4, characters });
    expect(changeCost(ns('UPSERT', FOUR_NS))).toEqual({ records: 8, characters: 2 * characters });
  });
});

describe('splitIntoBatches', () => {
  it('fits 125 four-server UPSERTs (1,000 records) in one batch and starts another for the 126th', () => {
    const changes = Array.from({ length: 126 }, () => ns('UPSERT', FOUR_NS));
    expect(splitIntoBatches(changes, changeCost).map((b) => b.length)).toEqual([125, 1]);
  });

  it('starts a new batch at 32,000 characters even when the records would fit', () => {
    // Each UPSERT: 2 records, 2 x 4,000 characters, so four fill the character limit.
    const changes = Array.from({ length: 9 }, () => ns('UPSERT', ['x'.repeat(4_000)]));
    expect(splitIntoBatches(changes, changeCost).map((b) => b.length)).toEqual([4, 4, 1]);
  });

  it('keeps order, loses nothing, and never exceeds a limit (unless one change alone does)', () => {
    const changeArb = fc
      .tuple(
        fc.constantFrom<'UPSERT' | 'DELETE'>('UPSERT', 'DELETE'),
        fc.array(fc.string({ minLength: 1, maxLength: 3_000 }), { minLength: 1, maxLength: 8 }),
      )
      .map(([action, values]) => ns(action, values));
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 300 }), (changes) => {
        const batches = splitIntoBatches(changes, changeCost);
        expect(batches.flat()).toEqual(changes);
        for (const batch of batches) {
          const records = batch.reduce((sum, c) => sum + changeCost(c).records, 0);
          const characters = batch.reduce((sum, c) => sum + changeCost(c).characters, 0);
          if (batch.length > 1) {
            expect(records).toBeLessThanOrEqual(CHANGE_BATCH_LIMITS.records);
            expect(characters).toBeLessThanOrEqual(CHANGE_BATCH_LIMITS.characters);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
