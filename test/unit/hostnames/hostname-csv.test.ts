// CSV cells as RFC 4180 quotes them, with spreadsheet formulas neutralized.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvCell,
  csvLine,
  HOSTNAME_CSV_HEADER,
  hostnameCsvLine,
} from '@/server/hostnames/hostname-csv';

/** A minimal RFC 4180 reader for one line, to check that what we write reads back. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  const text = line.replace(/\r\n$/, '');
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          cell += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',') cell += text[i++];
    }
    cells.push(cell);
    if (i >= text.length) return cells;
    i += 1; // the comma
  }
}

describe('csv cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['', ''],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('reads back as the same cells, every cell starting with no formula character', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          const read = parseCsvLine(csvLine(cells));
          expect(read).toHaveLength(cells.length);
          read.forEach((cell, i) => {
            expect(cell).toBe(/^[=+\-@\t\r]/.test(cells[i]!) ? `'${cells[i]}` : cells[i]);
            expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          });
        },
      ),
    );
  });

  it('writes a record in the header order', () => {
    const line = hostnameCsvLine({
      id: 'x',
      orgSlug: 'acme',
      name: 'web.acme.zonekeeper.test',
      type: 'A',
      setIdentifier: '',
      targets: ['192.0.2.1', '192.0.2.2'],
      ttl: 300,
      status: 'owned',
      reason: 'Owned by cluster prod (running).',
      ownerId: 'zkc-1',
      cluster: 'prod',
      resource: 'service/shop/web',
      syncedAt: new Date('2026-12-01T10:00:00.000Z'),
    });
    expect(parseCsvLine(line)).toEqual([
      'acme',
      'web.acme.zonekeeper.test',
      'A',
      '',
      '192.0.2.1 192.0.2.2',
      '300',
      'owned',
      'Owned by cluster prod (running).',
      'zkc-1',
      'prod',
      'service/shop/web',
      '2026-12-01T10:00:00.000Z',
    ]);
    expect(parseCsvLine(csvLine(HOSTNAME_CSV_HEADER))).toHaveLength(12);
  });
});
