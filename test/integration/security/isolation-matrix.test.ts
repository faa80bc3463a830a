// Tenant isolation, proven on every page route, route handler and server action the code has, for
// five callers: anonymous, viewer of A, admin of A, admin of B, platform operator. Runs against a
// production build over HTTP, with session cookies minted as Auth.js mints them.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_EXPECTATIONS,
  HANDLER_EXPECTATIONS,
  PAGE_EXPECTATIONS,
  ROUTE_PARAMS,
} from './isolation-expectations';
import {
  CALLERS,
  DIST_DIR,
  ORG_A,
  startAppUnderTest,
  type AppUnderTest,
} from './support/app-under-test';
import { callAction, callHandler, callPage } from './support/call-surface';
import {
  builtRoutes,
  discoverActions,
  discoverPageRoutes,
  discoverRouteHandlers,
  fillRoute,
  type DiscoveredAction,
  type DiscoveredHandler,
} from './support/discover-surface';
import { leakedSecrets, secretShapedFields } from './support/find-secrets';

const SETUP_TIMEOUT_MS = 600_000;

describe('tenant isolation matrix', () => {
  let app: AppUnderTest;
  let routes: string[];
  let actions: DiscoveredAction[];
  let handlers: DiscoveredHandler[];
  const matrix: string[] = [];

  beforeAll(async () => {
    app = await startAppUnderTest();
    routes = discoverPageRoutes();
    actions = discoverActions(DIST_DIR);
    handlers = discoverRouteHandlers();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    if (matrix.length > 0) {
      // The sum shows whether every test that fills the matrix ran to its end.
      const n = CALLERS.length;
      const sum = `${routes.length} page routes × ${n} + ${actions.length} actions × ${n} + ${handlers.length} handlers × ${n}`;
      console.log(`Isolation matrix (${matrix.length} cells; ${sum}):\n${matrix.join('\n')}`);
    }
    await app?.stop();
  });

  it('has an expectation for every page route, route handler and server action in the code, and none stale', () => {
    const handlerRoutes = handlers.map((h) => h.route);
    const actionKeys = actions.map((a) => a.key);
    const missing = (kind: string) => (key: string) => `${kind} ${key}: no expectation`;
    const stale = (kind: string) => (key: string) => `${kind} ${key}: stale expectation`;
    // Every gap in one list, so one run names all of them.
    const gaps = [
      ...routes.filter((r) => !(r in PAGE_EXPECTATIONS)).map(missing('page')),
      ...Object.keys(PAGE_EXPECTATIONS)
        .filter((r) => !routes.includes(r))
        .map(stale('page')),
      ...handlerRoutes.filter((r) => !(r in HANDLER_EXPECTATIONS)).map(missing('handler')),
      ...Object.keys(HANDLER_EXPECTATIONS)
        .filter((r) => !handlerRoutes.includes(r))
        .map(stale('handler')),
      ...handlers.flatMap(({ route, methods }) => {
        const listed = HANDLER_EXPECTATIONS[route]?.methods;
        if (!listed || [...listed].sort().join() === methods.join()) return [];
        return [
          `handler ${route}: exports ${methods.join()}, its expectation lists ${listed.join()}`,
        ];
      }),
      ...actionKeys.filter((k) => !(k in ACTION_EXPECTATIONS)).map(missing('action')),
      ...Object.keys(ACTION_EXPECTATIONS)
        .filter((k) => !actionKeys.includes(k))
        .map(stale('action')),
      ...actions
        .filter((a) => !a.id)
        .map((a) => `action ${a.key}: no page uses it (not in the build)`),
    ];
    expect(gaps).toEqual([]);
    // The HTTP checks run against the build: it must serve exactly what the source has.
    expect(builtRoutes(DIST_DIR), 'routes of the build vs the source').toEqual({
      pages: routes,
      handlers: handlerRoutes,
    });
    expect(routes.length).toBeGreaterThan(0);
    expect(handlers.length).toBeGreaterThan(0);
    expect(actions.length).toBeGreaterThan(0);
  });

  it('answers every page route as expected for each of the five callers', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const path = route.replace(/\[(\w+)\]/g, (_, name: string) => ROUTE_PARAMS[name]!);
      for (const caller of CALLERS) {
        const expected = PAGE_EXPECTATIONS[route]?.[caller] ?? 'no expectation';
        const actual = await callPage(app.baseUrl, path, await app.cookieFor(caller));
        matrix.push(`page    ${route.padEnd(40)} ${caller.padEnd(10)} ${actual}`);
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
        matrix.push(`action  ${action.key.padEnd(40)} ${caller.padEnd(10)} ${response.outcome}`);
        if (response.outcome !== expectation.expect[caller]) {
          mismatches.push(
            `${action.key} as ${caller}: ${response.outcome}, expected ${expectation.expect[caller]}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  // After the actions, so the Vault holds the org IdP client secrets they registered.
  it('answers every route handler as expected for each of the five callers, with no secret', async () => {
    const mismatches: string[] = [];
    const leaks: string[] = [];
    const secrets = app.knownSecrets();
    for (const { route } of handlers) {
      const expectation = HANDLER_EXPECTATIONS[route];
      if (!expectation) continue; // reported by the coverage test
      const path = expectation.path ?? fillRoute(route, ROUTE_PARAMS);
      for (const caller of CALLERS) {
        const response = await callHandler(app.baseUrl, path, await app.cookieFor(caller));
        matrix.push(`handler ${route.padEnd(40)} ${caller.padEnd(10)} ${response.outcome}`);
        if (response.outcome !== expectation.expect[caller])
          mismatches.push(
            `${route} as ${caller}: ${response.outcome}, expected ${expectation.expect[caller]}`,
          );
        for (const name of leakedSecrets(response.body, secrets))
          leaks.push(`${path} as ${caller} contains ${name}`);
        if (response.outcome.endsWith(' json')) {
          for (const field of secretShapedFields(JSON.parse(response.body)))
            leaks.push(`${path} as ${caller}: ${field} is named or shaped like a secret`);
        }
      }
    }
    expect.soft(mismatches).toEqual([]);
    expect.soft(leaks).toEqual([]);
    // The Vault check above compares values: make sure it had some to compare.
    expect(Object.keys(secrets).filter((k) => k.startsWith('vault:'))).not.toEqual([]);
  });

  it("answers Auth.js's own reads without a secret, signed in or not", async () => {
    const secrets = app.knownSecrets();
    for (const path of ['/api/auth/providers', '/api/auth/session', '/api/auth/csrf']) {
      for (const caller of ['anonymous', 'operator'] as const) {
        const response = await callHandler(app.baseUrl, path, await app.cookieFor(caller));
        expect(response.outcome, `${path} as ${caller}`).toBe('200 json');
        expect(leakedSecrets(response.body, secrets), `${path} as ${caller}`).toEqual([]);
      }
    }
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

    // Invitations made, invitations revoked and members removed: by adminA and the operator only.
    const invitations = await app.store.db.select().from(app.store.t.invitations);
    const emails = (prefix: string) =>
      invitations
        .map((i) => i.email)
        .filter((e) => e.startsWith(prefix))
        .sort();
    expect(emails('invited-by-')).toEqual([
      'invited-by-admina@isolation.test',
      'invited-by-operator@isolation.test',
    ]);
    expect(invitations.every((i) => i.orgId === alpha!.id)).toBe(true);
    const untouched = ['adminb', 'anonymous', 'viewera'];
    expect(emails('revocable-by-')).toEqual(
      untouched.map((c) => `revocable-by-${c}@isolation.test`),
    );
    const members = await app.store.db
      .select({ userId: app.store.t.memberships.userId })
      .from(app.store.t.memberships);
    expect(
      members
        .map((m) => m.userId)
        .filter((id) => id.startsWith('removable-by-'))
        .map((id) => id.toLowerCase())
        .sort(),
    ).toEqual(untouched.map((c) => `removable-by-${c}`));

    // Clusters: registered by adminA and the operator only; org A's own one still there.
    const clusters = await app.store.db.select().from(app.store.t.clusters);
    expect(clusters.map((c) => c.name).sort()).toEqual(['by-admina', 'by-operator', 'prod']);
    expect(clusters.every((c) => c.orgId === alpha!.id && c.deletedAt === null)).toBe(true);
    expect(clusters.find((c) => c.name === 'prod')).toMatchObject({
      status: 'stopped',
      externalDnsState: 'deploying',
    });
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
    // Route handlers: the same status and body (but for the slug asked for) as org A's to adminB.
    for (const { route } of handlers.filter((h) => h.route.includes('[slug]'))) {
      const answer = async (slug: string, caller: 'adminA' | 'adminB') => {
        const path = fillRoute(route, { ...ROUTE_PARAMS, slug });
        const response = await callHandler(app.baseUrl, path, await app.cookieFor(caller));
        return { ...response, body: response.body.replaceAll(slug, '<slug>') };
      };
      expect(await answer('no-such-org', 'adminA'), route).toEqual(await answer(ORG_A, 'adminB'));
    }
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
