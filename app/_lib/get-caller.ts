// The signed-in person of the current request, for pages and actions. A cookie whose server-side
// session ended (sign-out, expiry) or whose user is gone counts as signed out.
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { auth } from '@/auth';
import { loadCaller, type Caller } from '@/server/auth/caller';
import { getOrgForCaller, type OrgAccess } from '@/server/auth/get-org-for-caller';
import { userOfSession } from '@/server/auth/sessions';
import { getStore } from '@/server/store';

export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await auth();
  if (!session?.sid || !session.user?.id) return null;
  const store = await getStore();
  const userId = await userOfSession(store, session.sid);
  if (userId !== session.user.id) return null;
  return loadCaller(store, userId);
});

/** For pages: the caller, or a redirect to the sign-in page. */
export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/sign-in');
  return caller;
}

/** For pages under /orgs/[slug]: the org through the caller's membership, else the 404 page. */
export async function requireOrgForPage(slug: string): Promise<OrgAccess & { caller: Caller }> {
  const caller = await requireCaller();
  const access = await getOrgForCaller(await getStore(), caller, slug);
  if (!access) notFound();
  return { ...access, caller };
}
