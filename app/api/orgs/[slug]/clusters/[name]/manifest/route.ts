// A cluster's ExternalDNS manifest as a YAML download, for anyone who may read the cluster. The
// Secret's data is left out (a browser never receives the org's key); the file's header says how
// an operator creates it with `zk externaldns manifest --with-secret`.
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { assertPermission, getOrgForCallerOrThrow } from '@/server/auth/get-org-for-caller';
import { actorOf } from '@/server/auth/caller';
import { downloadExternalDnsManifest } from '@/server/clusters/download-externaldns-manifest';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { getStore } from '@/server/store';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string; name: string }> },
) {
  const { slug, name } = await params;
  const result = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    const store = await getStore();
    const { org, role } = await getOrgForCallerOrThrow(store, caller, slug);
    assertPermission(role, 'clusters.read');
    return downloadExternalDnsManifest({ store, actor: actorOf(caller), org }, name);
  });
  if (!result.ok) return jsonResponse(result);
  return new Response(result.data, {
    headers: {
      'Content-Type': 'application/yaml; charset=utf-8',
      'Content-Disposition': `attachment; filename="external-dns-${slug}-${name}.yaml"`,
      'Cache-Control': 'no-store',
    },
  });
}
