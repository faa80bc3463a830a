// One cluster's live state (status, ExternalDNS, key version held, applied objects), polled by its
// page. Authorized like the org status route: through the caller's membership, so another org's
// cluster answers 404 like a missing one. References only: the kubeconfig never leaves Vault.
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { assertPermission, getOrgForCallerOrThrow } from '@/server/auth/get-org-for-caller';
import { loadClusterDetailView } from '@/server/clusters/cluster-view';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { getStore } from '@/server/store';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string; name: string }> },
) {
  const result = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    const { slug, name } = await params;
    const store = await getStore();
    const { org, role } = await getOrgForCallerOrThrow(store, caller, slug);
    assertPermission(role, 'clusters.read');
    return loadClusterDetailView(store, org, name);
  });
  return jsonResponse(result);
}
