// An operator ends every session of a person at once (a lost laptop, a leaver): every identity
// with that email, in every identity scope, is signed out everywhere. Their next request counts
// as signed out, /api/auth/session included.
import { eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import type { Actor } from './actor';
import { normalizeEmail } from './email-address';

export async function endSessionsOfPerson(
  store: Store,
  actor: Actor,
  rawEmail: string,
): Promise<{ users: number; sessions: number }> {
  const email = normalizeEmail(rawEmail);
  if (!email.includes('@')) {
    throw new DomainError('invalid_input', 'Check the highlighted fields.', {
      email: ['Enter the email address of the person, e.g. ada@acme.test.'],
    });
  }
  const { sessions, users } = store.t;
  const people = await store.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (people.length === 0) {
    throw new DomainError('not_found', `No one signs in to Zonekeeper as ${email}.`);
  }
  const ended = await store.db
    .delete(sessions)
    .where(
      inArray(
        sessions.userId,
        people.map((p) => p.id),
      ),
    )
    .returning({ sessionToken: sessions.sessionToken });
  await recordAuditEvent(store, {
    actor,
    orgId: null,
    action: 'auth.sessions_ended',
    target: email,
    outcome: 'success',
    detail: { users: people.length, sessions: ended.length },
  });
  return { users: people.length, sessions: ended.length };
}
