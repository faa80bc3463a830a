// The header row of a data table: `boxed` for a table that is its own card (shaded, padded),
// `plain` for a table inside a card. Columns in `wideOnly` are left out on phones (their cells
// carry WIDE_ONLY too), so the columns that matter fit without scrolling.
const LOOKS = {
  boxed: { head: 'bg-slate-50', cell: 'px-5 py-3', last: 'px-5 py-3' },
  plain: { head: '', cell: 'py-2 pr-4', last: 'py-2' },
} as const;

/** For the cells of a column that phones leave out. */
export const WIDE_ONLY = 'hidden sm:table-cell';

export function ColumnHeaders({
  columns,
  look = 'plain',
  wideOnly = [],
}: {
  columns: readonly string[];
  look?: keyof typeof LOOKS;
  wideOnly?: readonly string[];
}) {
  const { head, cell, last } = LOOKS[look];
  return (
    <thead
      className={`text-left text-xs font-semibold uppercase tracking-wide text-slate-500 ${head}`}
    >
      <tr>
        {columns.map((column, index) => (
          <th
            key={column}
            scope="col"
            className={`${index === columns.length - 1 ? last : cell} ${
              wideOnly.includes(column) ? WIDE_ONLY : ''
            }`}
          >
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
