// The signed-in person of the current request, for pages and actions. A cookie whose server-side
// session ended (sign-out, expiry) or whose user is gone counts as signed out.
import { cache } from 'react';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { loadCaller, type Caller } from '@/server/auth/caller';
import { getOrgForCaller, type OrgAccess } from '@/server/auth/get-org-for-caller';
import { userOfSession } from '@/server/auth/sessions';
import { getStore } from '@/server/store';
import { readAuthSettings } from './auth-settings';
import { readSessionToken, sessionCookieName } from './read-session-token';

export const getCaller = cache(async (): Promise<Caller | null> => {
  // The cookie is read directly (not through Auth.js's session endpoint): the token only names
  // the user and the server-side session, both checked against the database below.
  const token = await readSessionToken((await cookies()).get(sessionCookieName())?.value);
  if (typeof token?.sid !== 'string' || typeof token.sub !== 'string') return null;
  const store = await getStore();
  // The session check and the person's rows (by the token's subject) at once, so a request waits
  // for one round trip, not two; the rows count only when the session is live and is theirs.
  const [userId, caller] = await Promise.all([
    userOfSession(store, token.sid),
    loadCaller(store, token.sub, readAuthSettings()),
  ]);
  return userId === token.sub ? caller : null;
});

/** For pages: the caller, or a redirect to the sign-in page. */
export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/sign-in');
  return caller;
}

/**
 * The org through the caller's membership, or null (signed out, or not theirs). Once per request:
 * an org page's layout (for its title) and the page itself both ask.
 */
export const getOrgForRequest = cache(
  async (slug: string): Promise<(OrgAccess & { caller: Caller }) | null> => {
    const caller = await getCaller();
    if (!caller) return null;
    const access = await getOrgForCaller(await getStore(), caller, slug);
    return access ? { ...access, caller } : null;
  },
);

/** For pages under /orgs/[slug]: the org through the caller's membership, else the 404 page. */
export async function requireOrgForPage(slug: string): Promise<OrgAccess & { caller: Caller }> {
  await requireCaller();
  const access = await getOrgForRequest(slug);
  if (!access) notFound();
  return access;
}
