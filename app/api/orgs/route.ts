// The organization list with each org's status, polled by the Organizations page so statuses
// move live. Scoped like the page: members get their own orgs, operators all; `?deleted=include`
// adds deleted orgs for operators only (for anyone else it changes nothing).
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { listOrganizations, toOrgListEntry } from '@/server/orgs/list-organizations';
import { getStore } from '@/server/store';

export async function GET(request: Request) {
  const result = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    const includeDeleted = new URL(request.url).searchParams.get('deleted') === 'include';
    const orgs = await listOrganizations(await getStore(), caller, { includeDeleted });
    return { orgs: orgs.map(toOrgListEntry), readAt: new Date().toISOString() };
  });
  return jsonResponse(result);
}
