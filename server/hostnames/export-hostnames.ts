// The filtered set of a hostname page as CSV, produced a page of rows at a time (keyset
// pagination on name and id), so an export of a large set never sits in memory whole.
import { and, asc, eq, gt, or } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { csvLine, HOSTNAME_CSV_HEADER, hostnameCsvLine } from './hostname-csv';
import type { HostnameQuery } from './hostname-query';
import {
  hostnameConditions,
  selectHostnames,
  toHostnameRow,
  type HostnameScope,
} from './search-hostnames';

const ROWS_PER_READ = 1_000;

export async function* exportHostnamesCsv(
  store: Store,
  scope: HostnameScope,
  query: HostnameQuery,
): AsyncGenerator<string> {
  const r = store.t.dnsRecords;
  yield csvLine(HOSTNAME_CSV_HEADER);
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const conditions = hostnameConditions(store, scope, query);
    if (after) {
      conditions.push(or(gt(r.name, after.name), and(eq(r.name, after.name), gt(r.id, after.id)))!);
    }
    const rows = await selectHostnames(store)
      .where(and(...conditions))
      .orderBy(asc(r.name), asc(r.id))
      .limit(ROWS_PER_READ);
    yield rows.map((row) => hostnameCsvLine(toHostnameRow(row))).join('');
    if (rows.length < ROWS_PER_READ) return;
    const last = rows[rows.length - 1]!.record;
    after = { name: last.name, id: last.id };
  }
}
