// First gate of every request: without a session, pages redirect to the sign-in page, and server
// actions and APIs answer 401. It only checks that a valid session cookie is present; pages and
// actions then load the caller and their org through the membership (app/_lib/get-caller.ts,
// app/_lib/org-action.ts), which is where tenancy is decided.
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { auth } from '@/auth';

// Reachable without a session: the sign-in pages, Auth.js itself, and the liveness probe.
const PUBLIC_PATHS = [/^\/sign-in(\/|$)/, /^\/api\/auth(\/|$)/, /^\/api\/health$/];

// With a lazily built configuration, auth(handler) resolves to the wrapped handler.
const gate = auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (request.auth?.user || PUBLIC_PATHS.some((p) => p.test(pathname))) {
    return NextResponse.next();
  }
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
});

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  // The wrapped handler takes Next's (request, event) pair; its declared type is a route's.
  const handler = (await gate) as unknown as (r: NextRequest, e: NextFetchEvent) => Response;
  return handler(request, event);
}

export const config = {
  // Static assets and Next internals need no session.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
