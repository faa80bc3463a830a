// First gate of every request: without a valid session cookie, pages redirect to the sign-in
// page, and server actions and APIs answer 401. Who the person is and which orgs they may see is
// decided later from the database (app/_lib/get-caller.ts, app/_lib/org-action.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { readSessionToken, sessionCookieName } from './app/_lib/read-session-token';

// Reachable without a session: the sign-in pages, Auth.js itself, the liveness probe, and the
// cluster status reports (authenticated by each cluster's own bearer token in the handler).
const PUBLIC_PATHS = [
  /^\/sign-in(\/|$)/,
  /^\/api\/auth(\/|$)/,
  /^\/api\/health$/,
  /^\/api\/clusters\/[^/]+\/status$/,
];

export default async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => p.test(pathname))) return NextResponse.next();
  const token = await readSessionToken(request.cookies.get(sessionCookieName())?.value);
  if (token?.sub) return NextResponse.next();

  const isAction = request.method === 'POST' && request.headers.has('next-action');
  if (isAction || pathname.startsWith('/api/')) {
    return NextResponse.json(
      { error: { code: 'unauthenticated', message: 'Sign in first.' } },
      { status: 401 },
    );
  }
  const signIn = new URL('/sign-in', request.nextUrl.origin);
  signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Static assets (public/: the icons) and Next internals need no session.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
