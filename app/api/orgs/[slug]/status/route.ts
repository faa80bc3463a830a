// Live provisioning status of one organization, polled by its page while work is under way.
// Loaded through the caller's membership: another org answers 404, like a missing one.
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { getOrgForCallerOrThrow, assertPermission } from '@/server/auth/get-org-for-caller';
import { roleHas } from '@/server/auth/permissions';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { loadOrgStatusView } from '@/server/provisioning/org-status-view';
import { getStore } from '@/server/store';

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
  return jsonResponse(result);
}
