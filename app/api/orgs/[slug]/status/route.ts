// Live provisioning status of one organization, polled by its page while work is under way.
// Loaded through the caller's membership: another org answers 404, like a missing one.
import { getCaller } from '@/app/_lib/get-caller';
import { getOrgForCallerOrThrow, assertPermission } from '@/server/auth/get-org-for-caller';
import { roleHas } from '@/server/auth/permissions';
import { DomainError, type ErrorCode } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { loadOrgStatusView } from '@/server/provisioning/org-status-view';
import { getStore } from '@/server/store';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
};

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const result = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    const store = await getStore();
    const { org, role } = await getOrgForCallerOrThrow(store, caller, (await params).slug);
    assertPermission(role, 'orgs.read');
    return loadOrgStatusView(store, org, {
      showAccountId: roleHas(role, 'identity.read_account'),
    });
  });
  // The status changes by the second: no cache may keep it.
  const headers = { 'Cache-Control': 'no-store' };
  if (result.ok) return Response.json(result.data, { headers });
  return Response.json(
    { error: result.error },
    { status: HTTP_STATUS[result.error.code] ?? 500, headers },
  );
}
