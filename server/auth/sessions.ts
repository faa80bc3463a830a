// Server-side session records behind the signed JWT cookie: sign-out deletes the record, so a
// copied cookie stops working at once instead of living until it expires.
import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Store } from '@/db/open-store';

export async function startSession(
  store: Store,
  userId: string,
  maxAgeSeconds: number,
): Promise<string> {
  const sessionId = randomUUID();
  await store.db.insert(store.t.sessions).values({
    sessionToken: sessionId,
    userId,
    expires: new Date(Date.now() + maxAgeSeconds * 1000),
  });
  return sessionId;
}

export async function endSession(store: Store, sessionId: string): Promise<void> {
  await store.db.delete(store.t.sessions).where(eq(store.t.sessions.sessionToken, sessionId));
}

/** The user of a live session, or null when it ended or expired. */
export async function userOfSession(store: Store, sessionId: string): Promise<string | null> {
  const [row] = await store.db
    .select({ userId: store.t.sessions.userId })
    .from(store.t.sessions)
    .where(
      and(eq(store.t.sessions.sessionToken, sessionId), gt(store.t.sessions.expires, new Date())),
    );
  return row?.userId ?? null;
}
