// Tenant isolation, proven on every page route and server action the code has, for five
// callers: anonymous, viewer of A, admin of A, admin of B, platform operator. Runs against a
// production build over HTTP, with session cookies minted as Auth.js mints them.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_EXPECTATIONS, PAGE_EXPECTATIONS, ROUTE_PARAMS } from './isolation-expectations';
import {
  CALLERS,
  DIST_DIR,
  ORG_A,
  startAppUnderTest,
  type AppUnderTest,
} from './support/app-under-test';
import { callAction, callPage } from './support/call-surface';
import {
  discoverActions,
  discoverPageRoutes,
  type DiscoveredAction,
} from './support/discover-surface';

const SETUP_TIMEOUT_MS = 600_000;

describe('tenant isolation matrix', () => {
  let app: AppUnderTest;
  let routes: string[];
  let actions: DiscoveredAction[];
  const matrix: string[] = [];

  beforeAll(async () => {
    app = await startAppUnderTest();
    routes = discoverPageRoutes();
    actions = discoverActions(DIST_DIR);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    if (matrix.length > 0)
      console.log(`Isolation matrix (${matrix.length} cells):\n${matrix.join('\n')}`);
    await app?.stop();
  });

  it('has an expectation for every page route and server action in the code, and none stale', () => {
    const actionKeys = actions.map((a) => a.key);
    expect(
      routes.filter((r) => !(r in PAGE_EXPECTATIONS)),
      'routes without expectation',
    ).toEqual([]);
    expect(
      actionKeys.filter((k) => !(k in ACTION_EXPECTATIONS)),
      'actions without expectation',
    ).toEqual([]);
    expect(
      Object.keys(PAGE_EXPECTATIONS).filter((r) => !routes.includes(r)),
      'stale routes',
    ).toEqual([]);
    expect(
      Object.keys(ACTION_EXPECTATIONS).filter((k) => !actionKeys.includes(k)),
      'stale actions',
    ).toEqual([]);
    expect(
      actions.filter((a) => !a.id).map((a) => a.key),
      'actions no page uses (not in the build)',
    ).toEqual([]);
    expect(routes.length).toBeGreaterThan(0);
    expect(actions.length).toBeGreaterThan(0);
  });

  it('answers every page route as expected for each of the five callers', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const path = route.replace(/\[(\w+)\]/g, (_, name: string) => ROUTE_PARAMS[name]!);
      for (const caller of CALLERS) {
        const expected = PAGE_EXPECTATIONS[route]?.[caller] ?? 'no expectation';
        const actual = await callPage(app.baseUrl, path, await app.cookieFor(caller));
        matrix.push(`page   ${route.padEnd(40)} ${caller.padEnd(10)} ${actual}`);
        if (actual !== expected)
          mismatches.push(`${route} as ${caller}: ${actual}, expected ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every server action as expected for each of the five callers', async () => {
    const mismatches: string[] = [];
    for (const action of actions) {
      const expectation = ACTION_EXPECTATIONS[action.key];
      if (!action.id || !expectation) continue; // reported by the coverage test
      for (const caller of CALLERS) {
        const response = await callAction(app.baseUrl, {
          id: action.id,
          call: expectation.call(caller, app.idp.issuers),
          cookie: await app.cookieFor(caller),
          path: expectation.path,
        });
        matrix.push(`action ${action.key.padEnd(40)} ${caller.padEnd(10)} ${response.outcome}`);
        if (response.outcome !== expectation.expect[caller]) {
          mismatches.push(
            `${action.key} as ${caller}: ${response.outcome}, expected ${expectation.expect[caller]}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('changed only what the allowed callers asked for', async () => {
    const orgs = await app.store.db
      .select({ slug: app.store.t.organizations.slug })
      .from(app.store.t.organizations);
    expect(orgs.map((o) => o.slug).filter((s) => s.startsWith('made-by-'))).toEqual([
      'made-by-operator',
    ]);
    const [alpha] = await app.store.db
      .select()
      .from(app.store.t.organizations)
      .where(eq(app.store.t.organizations.slug, ORG_A));
    const providers = await app.store.db.select().from(app.store.t.orgIdentityProviders);
    // adminA and the operator may register it (the operator last); adminB and viewerA never did.
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({ orgId: alpha!.id, clientId: 'client-set-by-operator' });
    expect(JSON.stringify(providers)).not.toContain('secret-set-by');
  });

  it('refuses a protected action to an anonymous caller even when posted to a public page', async () => {
    const orgsBefore = await app.store.db.select().from(app.store.t.organizations);
    for (const action of actions) {
      const expectation = ACTION_EXPECTATIONS[action.key];
      if (!action.id || expectation?.expect.anonymous !== 'unauthenticated') continue;
      const response = await callAction(app.baseUrl, {
        id: action.id,
        call: expectation.call('anonymous', app.idp.issuers),
        cookie: '',
        path: '/sign-in',
      });
      // Next either runs it here (the wrapper refuses) or forwards it to its own page (the proxy
      // refuses, 401): in neither case does it run for an anonymous caller.
      expect(['unauthenticated', 'not-run'], action.key).toContain(response.outcome);
    }
    expect(await app.store.db.select().from(app.store.t.organizations)).toEqual(orgsBefore);
  });

  it('answers a missing org the same as another org, so names cannot be probed', async () => {
    for (const route of routes.filter((r) => r.includes('[slug]'))) {
      const path = route
        .replace('[slug]', 'no-such-org')
        .replace(/\[(\w+)\]/g, (_, n: string) => ROUTE_PARAMS[n]!);
      expect(await callPage(app.baseUrl, path, await app.cookieFor('adminA')), route).toBe(
        'not_found',
      );
    }
  });

  it('lists only their own organizations to members, and all to the operator', async () => {
    const listing = async (caller: 'adminB' | 'operator') =>
      (
        await fetch(`${app.baseUrl}/orgs`, { headers: { cookie: await app.cookieFor(caller) } })
      ).text();
    const forB = await listing('adminB');
    expect(forB).toContain('data-org-slug="bravo"');
    expect(forB).not.toContain('data-org-slug="alpha"');
    expect(await listing('operator')).toContain('data-org-slug="alpha"');
  });

  it('refuses a server action from a foreign Origin and changes nothing', async () => {
    const create = actions.find((a) => a.key === 'app/orgs/actions.ts#createOrganizationAction')!;
    const response = await fetch(`${app.baseUrl}/orgs`, {
      method: 'POST',
      headers: {
        'next-action': create.id ?? '',
        origin: 'http://evil.example',
        cookie: await app.cookieFor('operator'),
      },
      body: (() => {
        const form = new FormData();
        form.set('_1_displayName', 'Evil');
        form.set('_1_slug', 'evil');
        form.set('0', '[{},"$K1"]');
        return form;
      })(),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const evil = await app.store.db
      .select()
      .from(app.store.t.organizations)
      .where(eq(app.store.t.organizations.slug, 'evil'));
    expect(evil).toEqual([]);
  });

  it('treats an expired session cookie and an ended server-side session as signed out', async () => {
    const userId = app.userIds.operator;
    const expired = await app.mintCookie({ sub: userId, sid: 'any' }, -60);
    expect(await callPage(app.baseUrl, '/orgs', expired)).toBe('sign-in');
    const ended = await app.mintCookie({ sub: userId, sid: 'session-that-was-ended' });
    expect(await callPage(app.baseUrl, '/orgs', ended)).toBe('sign-in');
  });
});
