// The org's hostname map as CSV: the filtered set of the page (same URL parameters), streamed.
// Authorized like the page: through the caller's membership, another org's 404 like a missing one.
import { csvResponse } from '@/app/_lib/csv-response';
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { assertPermission, getOrgForCallerOrThrow } from '@/server/auth/get-org-for-caller';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { exportHostnamesCsv } from '@/server/hostnames/export-hostnames';
import { parseHostnameQuery } from '@/server/hostnames/hostname-query';
import { getStore } from '@/server/store';

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const access = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    const { org, role } = await getOrgForCallerOrThrow(
      await getStore(),
      caller,
      (await params).slug,
    );
    assertPermission(role, 'records.read');
    return org;
  });
  if (!access.ok) return jsonResponse(access);
  const org = access.data;
  const query = {
    ...parseHostnameQuery(Object.fromEntries(new URL(request.url).searchParams)),
    org: null,
  };
  return csvResponse(
    exportHostnamesCsv(await getStore(), { orgId: org.id }, query),
    `${org.slug}-hostnames.csv`,
  );
}
