// The record sync's diff: applying it to the stored rows gives exactly what Route 53 listed, and
// it names no row that did not change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diffRecordSets,
  recordSetKey,
  type RecordSetState,
  type StoredRecordSet,
} from '@/server/hostnames/record-set-diff';

const record = (name: string, type: string, values: string[], ttl = 300): RecordSetState => ({
  name,
  type,
  setIdentifier: '',
  ttl,
  values,
  aliasTarget: null,
});
const stored = (id: string, state: RecordSetState): StoredRecordSet => ({ id, ...state });

describe('diffRecordSets', () => {
  it('adds new record sets, changes altered ones and removes vanished ones', () => {
    const rows = [
      stored('1', record('web.acme.test.', 'A', ['192.0.2.1'])),
      stored('2', record('api.acme.test.', 'A', ['192.0.2.2'])),
      stored('3', record('old.acme.test.', 'CNAME', ['lb.example.com'])),
    ];
    const listed = [
      record('web.acme.test.', 'A', ['192.0.2.1']),
      record('api.acme.test.', 'A', ['192.0.2.9']),
      record('new.acme.test.', 'TXT', ['"hello"']),
    ];
    expect(diffRecordSets(rows, listed)).toEqual({
      added: [listed[2]],
      changed: [{ id: '2', next: listed[1] }],
      removedIds: ['3'],
    });
  });

  it.each([
    ['ttl', { ttl: 60 }],
    ['value order', { values: ['b', 'a'] }],
    ['alias target', { aliasTarget: 'lb.example.com.' }],
  ])('treats a different %s as a change', (_what, patch) => {
    const before = record('x.acme.test.', 'A', ['a', 'b']);
    const diff = diffRecordSets([stored('1', before)], [{ ...before, ...patch }]);
    expect(diff.changed).toHaveLength(1);
  });

  it('keys by set identifier too: two weighted sets of one name are two rows', () => {
    const a = { ...record('w.acme.test.', 'A', ['1']), setIdentifier: 'blue' };
    const b = { ...record('w.acme.test.', 'A', ['2']), setIdentifier: 'green' };
    const diff = diffRecordSets([stored('1', a)], [a, b]);
    expect(diff).toEqual({ added: [b], changed: [], removedIds: [] });
  });

  const state = fc.record({
    name: fc.constantFrom('a.acme.test.', 'b.acme.test.', '\\052.acme.test.'),
    type: fc.constantFrom('A', 'TXT', 'CNAME'),
    setIdentifier: fc.constantFrom('', 'blue'),
    ttl: fc.option(fc.constantFrom(60, 300), { nil: null }),
    values: fc.array(fc.constantFrom('1', '2', '"t"'), { maxLength: 3 }),
    aliasTarget: fc.option(fc.constant('lb.example.com.'), { nil: null }),
  });
  const uniqueStates = fc.uniqueArray(state, { selector: recordSetKey, maxLength: 12 });

  it('applied to the stored rows, gives exactly the listed record sets and no needless writes', () => {
    fc.assert(
      fc.property(uniqueStates, uniqueStates, (before, after) => {
        const rows = before.map((s, i) => stored(String(i), s));
        const diff = diffRecordSets(rows, after);
        const removed = new Set(diff.removedIds);
        const result = new Map(
          rows
            .filter((row) => !removed.has(row.id))
            .map(({ id, ...rest }) => [id, rest as RecordSetState]),
        );
        for (const { id, next } of diff.changed) result.set(id, next);
        const applied = [...result.values(), ...diff.added];
        const sortByKey = (list: RecordSetState[]) =>
          [...list].sort((x, y) => recordSetKey(x).localeCompare(recordSetKey(y)));
        expect(sortByKey(applied)).toEqual(sortByKey(after));
        const unchanged = rows.filter((row) =>
          after.some(
            (s) =>
              JSON.stringify({ ...row, id: undefined }) === JSON.stringify({ ...s, id: undefined }),
          ),
        );
        for (const row of unchanged) {
          expect(diff.changed.some((c) => c.id === row.id)).toBe(false);
          expect(removed.has(row.id)).toBe(false);
        }
      }),
    );
  });
});
