// The platform reports a cluster's status here with the cluster's own token (shown once at
// registration): `POST /api/clusters/<uid>/status`, `Authorization: Bearer <token>`, body
// `{"status": "running" | "stopped"}`. No session: the token is the only credential.
import { reportClusterStatus } from '@/server/clusters/report-cluster-status';
import type { ErrorCode } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { getStore } from '@/server/store';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  invalid_input: 400,
};

export async function POST(request: Request, { params }: { params: Promise<{ uid: string }> }) {
  const result = await toResult(async () => {
    const { uid } = await params;
    const authorization = request.headers.get('authorization') ?? '';
    const token = /^Bearer (\S+)$/.exec(authorization)?.[1] ?? null;
    const body: unknown = await request.json().catch(() => null);
    return reportClusterStatus(await getStore(), { uid, token, body });
  });
  const headers = { 'Cache-Control': 'no-store' };
  if (result.ok) return Response.json(result.data, { headers });
  return Response.json(
    { error: result.error },
    {
      status: HTTP_STATUS[result.error.code] ?? 500,
      headers:
        result.error.code === 'unauthenticated'
          ? { ...headers, 'WWW-Authenticate': 'Bearer realm="cluster status"' }
          : headers,
    },
  );
}
