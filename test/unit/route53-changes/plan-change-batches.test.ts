// Change batches sized as Route 53 counts them: 1,000 ResourceRecord elements and 32,000 value
// characters (quotes and spaces included) per request, an UPSERT counting twice toward both.
import type { Change } from '@aws-sdk/client-route-53';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeCost } from '@/server/route53-changes/change-batch-cost';
import { ChangeTooLarge, planChangeBatches } from '@/server/route53-changes/plan-change-batches';

type Action = 'CREATE' | 'UPSERT' | 'DELETE';

const change = (action: Action, values: string[], name = 'acme.zonekeeper.test.'): Change => ({
  Action: action,
  ResourceRecordSet: {
    Name: name,
    Type: 'TXT',
    TTL: 300,
    ResourceRecords: values.map((Value) => ({ Value })),
  },
});
const alias = (action: Action): Change => ({
  Action: action,
  ResourceRecordSet: {
    Name: 'www.acme.zonekeeper.test.',
    Type: 'A',
    AliasTarget: {
      HostedZoneId: 'Z2FDTNDATAQYW2',
      DNSName: 'd1.cloudfront.net.',
      EvaluateTargetHealth: false,
    },
  },
});
const times = (n: number, make: (i: number) => Change) =>
  Array.from({ length: n }, (_, i) => make(i));
const FOUR_NS = [
  'ns-1.awsdns-01.org.',
  'ns-2.awsdns-02.co.uk.',
  'ns-3.awsdns-03.com.',
  'ns-4.awsdns-04.net.',
];
// A 2048-bit DKIM key split into two DNS strings: 415 characters as sent.
const DKIM = `"v=DKIM1; k=rsa; p=${'A'.repeat(237)}" "${'B'.repeat(155)}"`;

/** Route 53's count, written out independently of the module under test. */
function routeFiftyThreeCount(batch: Change[]) {
  let records = 0;
  let characters = 0;
  for (const c of batch) {
    const weight = c.Action === 'UPSERT' ? 2 : 1;
    const rrs = c.ResourceRecordSet?.ResourceRecords ?? [];
    records += weight * (rrs.length || 1);
    for (const rr of rrs) characters += weight * (rr.Value ?? '').length;
  }
  return { records, characters };
}

describe('changeCost', () => {
  it('is given a DKIM value of 415 characters as sent', () => expect(DKIM).toHaveLength(415));

  it.each([
    ['a DELETE counts each value once', change('DELETE', FOUR_NS), 4, FOUR_NS.join('').length],
    [
      'an UPSERT counts each value twice',
      change('UPSERT', FOUR_NS),
      8,
      2 * FOUR_NS.join('').length,
    ],
    ['a CREATE counts like a DELETE', change('CREATE', ['"a" "b"']), 1, 7],
    ['quotes and the space between strings count', change('DELETE', [DKIM]), 1, 415],
    ['an alias counts as one record without characters', alias('CREATE'), 1, 0],
    ['an UPSERT of an alias counts it twice', alias('UPSERT'), 2, 0],
  ])('%s', (_name, c, records, characters) => {
    expect(changeCost(c)).toEqual({ records, characters });
  });
});

describe('planChangeBatches', () => {
  it.each<[string, Change[], number[]]>([
    ['nothing to send', [], []],
    [
      '1,000 single-value CREATEs fill one request',
      times(1_000, () => change('CREATE', ['1.2.3.4'])),
      [1_000],
    ],
    [
      'the 1,001st record starts a second',
      times(1_001, () => change('CREATE', ['1.2.3.4'])),
      [1_000, 1],
    ],
    [
      '125 four-server UPSERTs are 1,000 records',
      times(126, () => change('UPSERT', FOUR_NS)),
      [125, 1],
    ],
    ['exactly 32,000 characters fit', times(8, () => change('DELETE', ['x'.repeat(4_000)])), [8]],
    [
      'UPSERT characters count twice',
      times(9, () => change('UPSERT', ['x'.repeat(4_000)])),
      [4, 4, 1],
    ],
    [
      '100 DKIM keys need two requests (77 x 415 = 31,955)',
      times(100, () => change('DELETE', [DKIM])),
      [77, 23],
    ],
    [
      'records bind first for many small values',
      times(300, () => change('DELETE', ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])),
      [250, 50],
    ],
    [
      'a big change after small ones starts a new request rather than being squeezed',
      [
        ...times(999, () => change('DELETE', ['1.2.3.4'])),
        change('DELETE', ['1.2.3.4', '1.2.3.5']),
      ],
      [999, 1],
    ],
  ])('%s', (_name, changes, sizes) => {
    const batches = planChangeBatches(changes);
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(batches.flat()).toEqual(changes);
  });

  it('cuts items of any kind by the change each carries, keeping the items', () => {
    const items = times(9, () => change('UPSERT', ['x'.repeat(4_000)])).map((c, i) => ({
      id: i,
      c,
    }));
    const batches = planChangeBatches(items, (item) => item.c);
    expect(batches.map((b) => b.map((item) => item.id))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8]]);
  });

  it.each<[string, Change, RegExp]>([
    [
      'more characters than a request holds',
      change(
        'DELETE',
        Array.from({ length: 9 }, () => 'x'.repeat(4_000)),
        'big.acme.zonekeeper.test.',
      ),
      /DELETE of TXT big\.acme\.zonekeeper\.test\.: it counts 9 records and 36,000 characters.*at most 1,000 records and 32,000 characters/,
    ],
    [
      'an UPSERT of 501 values (1,002 records)',
      change(
        'UPSERT',
        Array.from({ length: 501 }, (_, i) => `"${i}"`),
      ),
      /UPSERT of TXT acme\.zonekeeper\.test\.: it counts 1,002 records .* \(an UPSERT counts twice\)/,
    ],
  ])('refuses, before anything is sent, one change with %s', (_name, tooBig, message) => {
    const changes = [change('DELETE', ['"small"']), tooBig, change('DELETE', ['"after"'])];
    expect(() => planChangeBatches(changes)).toThrow(ChangeTooLarge);
    expect(() => planChangeBatches(changes)).toThrow(message);
  });

  it('accepts the largest change that fits alone: an UPSERT of 500 values', () => {
    const upsert = change(
      'UPSERT',
      Array.from({ length: 500 }, () => '"v"'),
    );
    expect(planChangeBatches([upsert, upsert])).toEqual([[upsert], [upsert]]);
  });

  const changeArb = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom<Action>('CREATE', 'UPSERT', 'DELETE').map(alias) },
    {
      weight: 9,
      arbitrary: fc
        .tuple(
          fc.constantFrom<Action>('CREATE', 'UPSERT', 'DELETE'),
          fc.oneof(
            fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 120 }),
            fc.array(fc.string({ minLength: 200, maxLength: 4_000 }), {
              minLength: 1,
              maxLength: 4,
            }),
          ),
        )
        .map(([action, values]) => change(action, values)),
    },
  );

  it('keeps order, loses and repeats nothing, stays within both limits, and cuts only when needed', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 400 }), (changes) => {
        const batches = planChangeBatches(changes);
        // The very same objects, in the same order, each exactly once.
        const flat = batches.flat();
        expect(flat.length).toBe(changes.length);
        flat.forEach((c, i) => expect(c).toBe(changes[i]));
        batches.forEach((batch, i) => {
          expect(batch.length).toBeGreaterThan(0);
          const used = routeFiftyThreeCount(batch);
          expect(used.records).toBeLessThanOrEqual(1_000);
          expect(used.characters).toBeLessThanOrEqual(32_000);
          // A batch was closed only because the next change would not have fitted.
          const next = batches[i + 1]?.[0];
          if (next) {
            const grown = routeFiftyThreeCount([...batch, next]);
            expect(grown.records > 1_000 || grown.characters > 32_000).toBe(true);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('throws ChangeTooLarge whenever one change alone is over a limit, and only then', () => {
    fc.assert(
      fc.property(
        fc.array(changeArb, { maxLength: 50 }),
        fc.constantFrom<Action>('CREATE', 'UPSERT', 'DELETE'),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        (changes, action, count, at) => {
          const candidate = change(
            action,
            Array.from({ length: count }, () => 'y'.repeat(3_000)),
          );
          const { records, characters } = routeFiftyThreeCount([candidate]);
          const withCandidate = [...changes];
          withCandidate.splice(at % (changes.length + 1), 0, candidate);
          if (records > 1_000 || characters > 32_000) {
            expect(() => planChangeBatches(withCandidate)).toThrow(ChangeTooLarge);
          } else {
            expect(planChangeBatches(withCandidate).flat()).toHaveLength(withCandidate.length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
