// The header row of a data table: `boxed` for a table that is its own card (shaded, padded),
// `plain` for a table inside a card.
const LOOKS = {
  boxed: { head: 'bg-slate-50', cell: 'px-5 py-3', last: 'px-5 py-3' },
  plain: { head: '', cell: 'py-2 pr-4', last: 'py-2' },
} as const;

export function ColumnHeaders({
  columns,
  look = 'plain',
}: {
  columns: readonly string[];
  look?: keyof typeof LOOKS;
}) {
  const { head, cell, last } = LOOKS[look];
  return (
    <thead
      className={`text-left text-xs font-semibold uppercase tracking-wide text-slate-500 ${head}`}
    >
      <tr>
        {columns.map((column, index) => (
          <th key={column} scope="col" className={index === columns.length - 1 ? last : cell}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
