// The org's CA certificate (public) as a PEM download, for members: what a client adds to its
// trust store to accept the org's server certificates. Loaded through the caller's membership:
// another org answers 404 like a missing one; errors are JSON like every API answer.
import { getCaller } from '@/app/_lib/get-caller';
import { jsonResponse } from '@/app/_lib/json-response';
import { assertPermission, getOrgForCallerOrThrow } from '@/server/auth/get-org-for-caller';
import { DomainError } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { getStore } from '@/server/store';
import { readCaCertificate } from '@/server/tls/list-certificates';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const result = await toResult(async () => {
    const caller = await getCaller();
    if (!caller) throw new DomainError('unauthenticated', 'Sign in first.');
    const store = await getStore();
    const { org, role } = await getOrgForCallerOrThrow(store, caller, (await params).slug);
    assertPermission(role, 'orgs.read');
    const pem = await readCaCertificate(store, org);
    if (!pem)
      throw new DomainError(
        'not_found',
        `${org.slug} has no CA yet: the reconciler makes it once the organization is ready.`,
      );
    return { slug: org.slug, pem };
  });
  if (!result.ok) return jsonResponse(result);
  return new Response(result.data.pem, {
    headers: {
      'Content-Type': 'application/x-pem-file',
      'Content-Disposition': `attachment; filename="${result.data.slug}-ca.pem"`,
      'Cache-Control': 'no-store',
    },
  });
}
