// Signing out ends every way in, against a production build over HTTP: Auth.js's own
// /api/auth/session included, for a cookie copied before the session ended. Operator rights and
// memberships are re-read on every request, and an operator ends all sessions of a person with
// the CLI (a real run of `npm run zk -- end-sessions`).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaller } from '@/server/auth/caller';
import { endSession, startSession } from '@/server/auth/sessions';
import { runZk } from '../../support/zk-cli';
import { ORG_A, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

const SETUP_TIMEOUT_MS = 600_000;

describe('sessions end everywhere', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startAppUnderTest();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
  });

  const session = (cookie: string) =>
    fetch(`${app.baseUrl}/api/auth/session`, { headers: { cookie } });
  const orgPage = (cookie: string) =>
    fetch(`${app.baseUrl}/orgs/${ORG_A}`, { headers: { cookie }, redirect: 'manual' });
  const cookieWithSession = async (caller: 'adminA' | 'viewerA' | 'operator') => {
    const userId = app.userIds[caller];
    const sid = await startSession(app.store, userId, 3600);
    const cookie = await app.mintCookie({ sub: userId, sid, email: `${caller}@isolation.test` });
    return { cookie, sid, userId };
  };

  it('answers /api/auth/session for a live session, and nothing after it ended', async () => {
    const { cookie, sid, userId } = await cookieWithSession('adminA');
    const live = await session(cookie);
    expect(((await live.json()) as { user?: { id?: string } }).user?.id).toBe(userId);

    await endSession(app.store, sid);
    const ended = await session(cookie);
    const text = await ended.text();
    expect(JSON.parse(text)).toBeNull();
    expect(text).not.toContain('isolation.test');
    expect(text).not.toContain(userId);
    // The cookie is cleared, not renewed.
    const setCookie = ended.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/authjs\.session-token=;/);
    expect((await orgPage(cookie)).headers.get('location')).toMatch(/\/sign-in/);
  });

  it('takes a removed membership away on the next request of the same session', async () => {
    const { cookie, userId } = await cookieWithSession('viewerA');
    expect((await orgPage(cookie)).status).toBe(200);
    const { memberships } = app.store.t;
    const [row] = await app.store.db
      .delete(memberships)
      .where(eq(memberships.userId, userId))
      .returning();
    try {
      expect((await orgPage(cookie)).status).toBe(404);
    } finally {
      await app.store.db.insert(memberships).values(row!);
    }
  });

  it('recomputes operator rights from the current operator groups', async () => {
    const userId = app.userIds.operator;
    const now = { roleClaim: 'groups', adminGroup: 'a', operatorEmails: [], operatorGroups: [] };
    const named = { ...now, operatorGroups: ['zonekeeper-operators'] };
    expect((await loadCaller(app.store, userId, named))!.isPlatformOperator).toBe(true);
    // Taken off ZK_PLATFORM_OPERATOR_GROUPS: no longer an operator, without signing in again.
    expect((await loadCaller(app.store, userId, now))!.isPlatformOperator).toBe(false);
  });

  it('lets an operator end every session of a person from the CLI', async () => {
    const first = await cookieWithSession('adminA');
    const second = await cookieWithSession('adminA');
    const other = await cookieWithSession('viewerA');
    const ended = await runZk({ ...process.env, DATABASE_URL: `file:${app.databaseFile}` }, [
      'end-sessions',
      '--email',
      'ADMINA@isolation.test',
    ]);
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toMatch(/Ended [2-9]\d* session\(s\) of ADMINA@isolation.test/);
    for (const { cookie } of [first, second]) {
      expect(JSON.parse(await (await session(cookie)).text())).toBeNull();
      expect((await orgPage(cookie)).headers.get('location')).toMatch(/\/sign-in/);
    }
    expect((await orgPage(other.cookie)).status).toBe(200);
    const { auditEvents } = app.store.t;
    const events = await app.store.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'auth.sessions_ended'),
          eq(auditEvents.target, 'admina@isolation.test'),
        ),
      );
    expect(events).toHaveLength(1);
  });
});
