// The cost page's table as CSV (RFC 4180), safe to open in a spreadsheet.
import type { CostOverview } from './cost-overview';

const HEADER = [
  'org',
  'zones',
  'this_month_usd',
  'projected_next_month_usd',
  'saved_in_free_window_usd',
  'saved_before_month_start_usd',
  'as_of_utc',
];

/** One line per org, then the total; money in dollars with four decimals, times in UTC. */
export function costOverviewCsv(overview: CostOverview): string {
  const usd = (n: number) => n.toFixed(4);
  const row = (org: string, line: CostOverview['total']) =>
    [
      textCell(org),
      String(line.zones),
      usd(line.thisMonthUsd),
      usd(line.projectedNextMonthUsd),
      usd(line.savedInFreeWindowUsd),
      usd(line.savedBeforeMonthStartUsd),
      textCell(overview.at),
    ].join(',');
  return [
    HEADER.join(','),
    ...overview.orgs.map((line) => row(line.org, line)),
    row('TOTAL', overview.total),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}

/**
 * A text cell: quoted when it holds a comma, quote or line break (quotes doubled), and a value a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) led by a `'`.
 */
export function textCell(value: string): string {
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}
