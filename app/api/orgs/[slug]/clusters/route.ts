// An org's clusters, polled by its Clusters page while a delivery is under way. Loaded through the
// caller's membership: another org answers 404, like a missing one.
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { assertPermission, getOrgForCallerOrThrow } from '@/server/auth/get-org-for-caller';
import { loadClusterListView } from '@/server/clusters/cluster-view';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { getStore } from '@/server/store';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const result = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    const store = await getStore();
    const { org, role } = await getOrgForCallerOrThrow(store, caller, (await params).slug);
    assertPermission(role, 'clusters.read');
    return loadClusterListView(store, org);
  });
  return jsonResponse(result);
}
