// A route handler's typed result as JSON: the data, or our error with the HTTP status it means.
// Live state changes by the second, so no cache may keep either.
import type { ErrorCode, Result } from '@/server/errors/domain-error';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // Not there yet (a zone still provisioning) or a dependency down: try again later.
  unavailable: 503,
};

export function jsonResponse<T>(result: Result<T>): Response {
  const headers = { 'Cache-Control': 'no-store' };
  if (result.ok) return Response.json(result.data, { headers });
  return Response.json(
    { error: result.error },
    { status: HTTP_STATUS[result.error.code] ?? 500, headers },
  );
}
