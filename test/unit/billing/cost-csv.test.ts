// The cost CSV: RFC 4180 quoting, spreadsheet formulas neutralized, money exact to $0.0001.
import { describe, expect, it } from 'vitest';
import { costOverviewCsv, textCell } from '@/server/billing/cost-csv';
import type { CostOverview } from '@/server/billing/cost-overview';

const line = {
  zones: 1,
  thisMonthUsd: 0.5,
  projectedNextMonthUsd: 0.5015,
  savedInFreeWindowUsd: 0,
  savedBeforeMonthStartUsd: 0.1,
};

describe('cost CSV', () => {
  it.each([
    ['acme', 'acme'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
  ])('writes the text %j as %j', (value, cell) => {
    expect(textCell(value)).toBe(cell);
  });

  it('writes a header, one line per org and the total, in dollars with four decimals, CRLF', () => {
    const overview: CostOverview = {
      at: '2026-12-31T23:00:00.000Z',
      orgs: [
        { org: 'acme', ...line },
        { org: '=evil', ...line, zones: 2 },
      ],
      total: { ...line, zones: 3, thisMonthUsd: 1 },
      months: [],
    };
    expect(costOverviewCsv(overview).split('\r\n')).toEqual([
      'org,zones,this_month_usd,projected_next_month_usd,saved_in_free_window_usd,saved_before_month_start_usd,as_of_utc',
      'acme,1,0.5000,0.5015,0.0000,0.1000,2026-12-31T23:00:00.000Z',
      "'=evil,2,0.5000,0.5015,0.0000,0.1000,2026-12-31T23:00:00.000Z",
      'TOTAL,3,1.0000,0.5015,0.0000,0.1000,2026-12-31T23:00:00.000Z',
      '',
    ]);
  });
});
