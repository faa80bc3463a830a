// Every org's hostname map as CSV, for platform operators: the filtered set of /hostnames,
// streamed. Anyone else gets 404, as for the page.
import { csvResponse } from '@/app/_lib/csv-response';
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { platformRoleOf } from '@/server/auth/caller';
import { roleHas } from '@/server/auth/permissions';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { exportHostnamesCsv } from '@/server/hostnames/export-hostnames';
import { parseHostnameQuery } from '@/server/hostnames/hostname-query';
import { getStore } from '@/server/store';

export async function GET(request: Request) {
  const access = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    if (!roleHas(platformRoleOf(caller), 'records.read_platform')) {
      throw new DomainError('not_found', 'There is no such page.');
    }
    return caller;
  });
  if (!access.ok) return jsonResponse(access);
  const query = parseHostnameQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse(
    exportHostnamesCsv(await getStore(), { orgId: null }, query),
    'all-hostnames.csv',
  );
}
