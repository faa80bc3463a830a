// The Cost page's table as CSV, for operators. `?at=` asks as of another time, read-only.
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { platformRoleOf } from '@/server/auth/caller';
import { roleHas } from '@/server/auth/permissions';
import { costOverview } from '@/server/billing/cost-overview';
import { costOverviewCsv } from '@/server/billing/cost-csv';
import { parseAsOfTime } from '@/server/billing/parse-as-of-time';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { getStore } from '@/server/store';

export async function GET(request: Request) {
  const result = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    // Not advertised to org members: the same answer as a route that does not exist.
    if (!roleHas(platformRoleOf(caller), 'cost.read')) {
      throw new DomainError('not_found', 'There is nothing here.');
    }
    const at = parseAsOfTime(new URL(request.url).searchParams.get('at') ?? undefined);
    return { at, csv: costOverviewCsv(await costOverview(await getStore(), at)) };
  });
  if (!result.ok) return jsonResponse(result);
  const stamp = result.data.at.toISOString().slice(0, 19).replaceAll(':', '').replace('T', '-');
  return new Response(result.data.csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="zonekeeper-cost-${stamp}Z.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
