// What each of the five callers may do on every page route, route handler and server action. The
// isolation test discovers them from the code and fails for any without an entry here: adding a
// page, a route.ts (or a method in one) or an action means adding a line that says who may reach it.
//
// Pages: 'ok' (200), 'not_found' (404: another org's, same as a missing one), 'sign-in'
// (redirect to the sign-in page), 'redirect:<path>'. Route handlers: '<status> <json|html|other>'.
// Actions: 'allowed', 'unauthenticated' (401), 'forbidden' (role lacks the permission),
// 'not_found' (another org's).
import type {
  ActionCall,
  ActionOutcome,
  HandlerOutcome,
  PageOutcome,
} from './support/call-surface';
import {
  ORG_A,
  ORG_A_CLUSTER,
  removableMemberId,
  revocableInvitationId,
  type CallerName,
} from './support/app-under-test';

type PerCaller<T> = Record<CallerName, T>;

/** Values for the dynamic segments of page routes: [slug] is always org A. */
export const ROUTE_PARAMS: Record<string, string> = {
  slug: ORG_A,
  provider: 'platform',
  name: ORG_A_CLUSTER,
};

const PUBLIC_PAGE: PerCaller<PageOutcome> = {
  anonymous: 'ok',
  viewerA: 'ok',
  adminA: 'ok',
  adminB: 'ok',
  operator: 'ok',
};
/** A page of org A; copy it for new pages under /orgs/[slug]. */
export const ORG_A_PAGE: PerCaller<PageOutcome> = {
  anonymous: 'sign-in',
  viewerA: 'ok',
  adminA: 'ok',
  adminB: 'not_found',
  operator: 'ok',
};

const OPERATOR_PAGE: PerCaller<PageOutcome> = {
  anonymous: 'sign-in',
  viewerA: 'not_found',
  adminA: 'not_found',
  adminB: 'not_found',
  operator: 'ok',
};

export const PAGE_EXPECTATIONS: Record<string, PerCaller<PageOutcome>> = {
  '/': {
    anonymous: 'sign-in',
    viewerA: 'redirect:/orgs',
    adminA: 'redirect:/orgs',
    adminB: 'redirect:/orgs',
    operator: 'redirect:/orgs',
  },
  '/orgs': { ...ORG_A_PAGE, adminB: 'ok' },
  '/orgs/[slug]': ORG_A_PAGE,
  '/orgs/[slug]/sign-in-settings': ORG_A_PAGE,
  '/orgs/[slug]/members': ORG_A_PAGE,
  '/orgs/[slug]/certificates': ORG_A_PAGE,
  '/orgs/[slug]/clusters': ORG_A_PAGE,
  '/orgs/[slug]/clusters/[name]': ORG_A_PAGE,
  '/orgs/[slug]/hostnames': ORG_A_PAGE,
  '/orgs/[slug]/clusters/[name]/hostnames': ORG_A_PAGE,
  // The preview of a deletion: for who may delete (viewers get the 404 page).
  '/orgs/[slug]/hostnames/delete-orphans': { ...ORG_A_PAGE, viewerA: 'not_found' },
  // Every org's records: operators only; for anyone else the page does not exist.
  '/hostnames': {
    anonymous: 'sign-in',
    viewerA: 'not_found',
    adminA: 'not_found',
    adminB: 'not_found',
    operator: 'ok',
  },
  '/sign-in': PUBLIC_PAGE,
  // The platform's own pages: operators only; anyone else the 404 page, as for no page at all.
  '/cost': OPERATOR_PAGE,
  '/gc': OPERATOR_PAGE,
  '/sign-in/error/[provider]': PUBLIC_PAGE,
};

export interface HandlerExpectation {
  /** Who may call it, in words; a public handler says why it is public. */
  access: string;
  /** The HTTP methods the route.ts exports; one more (say a POST) needs its own review. */
  methods: string[];
  /** The URL requested (GET); defaults to the route with ROUTE_PARAMS. A catch-all needs one. */
  path?: string;
  expect: PerCaller<HandlerOutcome>;
}

const PUBLIC_HANDLER: PerCaller<HandlerOutcome> = {
  anonymous: '200 json',
  viewerA: '200 json',
  adminA: '200 json',
  adminB: '200 json',
  operator: '200 json',
};

/** A GET of org A's that every member and the operator read. */
const ORG_A_MEMBERS_JSON: PerCaller<HandlerOutcome> = {
  anonymous: '401 json',
  viewerA: '200 json',
  adminA: '200 json',
  adminB: '404 json',
  operator: '200 json',
};

export const HANDLER_EXPECTATIONS: Record<string, HandlerExpectation> = {
  '/api/health': {
    access:
      'public by design: the liveness and readiness probe, answered before any session; says only "ok" and the store dialect',
    methods: ['GET'],
    expect: PUBLIC_HANDLER,
  },
  // Scoped inside, like the page: each caller gets the orgs they may see, and another org's
  // entries never (listOrganizations: test/integration/auth/*.test.ts, orgs/deleted-organizations).
  '/api/orgs': {
    access:
      'every signed-in person, each seeing only their own orgs (operators all); anonymous 401 in JSON (the proxy)',
    methods: ['GET'],
    expect: {
      anonymous: '401 json',
      viewerA: '200 json',
      adminA: '200 json',
      adminB: '200 json',
      operator: '200 json',
    },
  },
  '/api/orgs/[slug]/status': {
    access:
      "members of the org and the operator; anonymous 401 in JSON (the proxy), another org's 404 like a missing one",
    methods: ['GET'],
    expect: {
      anonymous: '401 json',
      viewerA: '200 json',
      adminA: '200 json',
      adminB: '404 json',
      operator: '200 json',
    },
  },
  '/api/orgs/[slug]/clusters': {
    access:
      "members of the org and the operator; anonymous 401 in JSON (the proxy), another org's 404 like a missing one",
    methods: ['GET'],
    expect: ORG_A_MEMBERS_JSON,
  },
  '/api/orgs/[slug]/clusters/[name]/status': {
    access:
      "members of the org and the operator, like the org status; another org's cluster 404 like a missing one; no kubeconfig in it",
    methods: ['GET'],
    expect: ORG_A_MEMBERS_JSON,
  },
  // Org A is never provisioned here (no reconciler): a member passes the gate and hears that
  // there is no zone yet to write a manifest for (503). The Secret's data is never in it.
  '/api/orgs/[slug]/clusters/[name]/manifest': {
    access:
      "members of the org and the operator (the YAML without the Secret's data); another org's 404 like a missing one",
    methods: ['GET'],
    expect: {
      anonymous: '401 json',
      viewerA: '503 json',
      adminA: '503 json',
      adminB: '404 json',
      operator: '503 json',
    },
  },
  // The org's hostname map as CSV, authorized like its page.
  '/api/orgs/[slug]/hostnames/csv': {
    access:
      "members of the org and the operator; anonymous 401 in JSON (the proxy), another org's 404 like a missing one",
    methods: ['GET'],
    expect: {
      anonymous: '401 json',
      viewerA: '200 other',
      adminA: '200 other',
      adminB: '404 json',
      operator: '200 other',
    },
  },
  '/api/hostnames/csv': {
    access: 'platform operators only, like /hostnames; anyone else 404, anonymous 401 (the proxy)',
    methods: ['GET'],
    expect: {
      anonymous: '401 json',
      viewerA: '404 json',
      adminA: '404 json',
      adminB: '404 json',
      operator: '200 other',
    },
  },
  // Org A has a CA (seeded by app-under-test): members download it, another org's admin gets 404.
  '/api/orgs/[slug]/tls/ca': {
    access:
      "members of the org and the operator download its CA certificate (public); anonymous 401 in JSON (the proxy), another org's 404 like a missing one",
    methods: ['GET'],
    expect: {
      anonymous: '401 json',
      viewerA: '200 other',
      adminA: '200 other',
      adminB: '404 json',
      operator: '200 other',
    },
  },
  // POST only, with the cluster's status token and no session (the proxy lets it through): the
  // matrix's GET gets 405 from everyone; the token checks are in
  // test/integration/clusters/cluster-status-route.test.ts.
  '/api/clusters/[uid]/status': {
    access:
      "the platform reporting one cluster's status with that cluster's bearer token; no session grants it",
    methods: ['POST'],
    path: '/api/clusters/zkc-000000000000000000000000/status',
    expect: {
      anonymous: '405 other',
      viewerA: '405 other',
      adminA: '405 other',
      adminB: '405 other',
      operator: '405 other',
    },
  },
  '/api/cost/csv': {
    access:
      "platform operators (cost.read): every org's cost as CSV; anyone else 404 like a missing route, anonymous 401 in JSON (the proxy)",
    methods: ['GET'],
    expect: {
      anonymous: '401 json',
      viewerA: '404 json',
      adminA: '404 json',
      adminB: '404 json',
      operator: '200 other',
    },
  },
  // GET answers session/providers/csrf reads; POST is sign-in and sign-out, guarded by Auth.js's
  // own CSRF token and exercised by the e2e sign-in tests.
  '/api/auth/[...nextauth]': {
    access:
      "public by design: Auth.js's own endpoint, which signs people in; the session read shows a caller only their own session and never a secret",
    methods: ['GET', 'POST'],
    path: '/api/auth/session',
    expect: PUBLIC_HANDLER,
  },
};

export interface ActionExpectation {
  /** The page path the action is posted to (public actions are posted to a public page). */
  path: string;
  call: (caller: CallerName, issuers: Record<string, string>) => ActionCall;
  expect: PerCaller<ActionOutcome>;
}

const PUBLIC_ACTION: PerCaller<ActionOutcome> = {
  anonymous: 'allowed',
  viewerA: 'allowed',
  adminA: 'allowed',
  adminB: 'allowed',
  operator: 'allowed',
};
const OPERATOR_ONLY: PerCaller<ActionOutcome> = {
  anonymous: 'unauthenticated',
  viewerA: 'forbidden',
  adminA: 'forbidden',
  adminB: 'forbidden',
  operator: 'allowed',
};
/** An org-A action that needs an admin: viewers are refused, the other org's admin sees nothing. */
export const ORG_A_ADMIN: PerCaller<ActionOutcome> = {
  anonymous: 'unauthenticated',
  viewerA: 'forbidden',
  adminA: 'allowed',
  adminB: 'not_found',
  operator: 'allowed',
};

const ORG_A_FORM =
  (form: Record<string, string> = {}) =>
  () => ({
    args: 'form' as const,
    form: { orgSlug: ORG_A, ...form },
  });

export const ACTION_EXPECTATIONS: Record<string, ActionExpectation> = {
  'app/orgs/[slug]/actions.ts#retryProvisioningAction': {
    path: '/orgs',
    call: ORG_A_FORM(),
    expect: ORG_A_ADMIN,
  },
  // Org A is never provisioned here (no reconciler), so an allowed caller passes the gate and
  // then hears that there is no key to rotate yet.
  'app/orgs/[slug]/actions.ts#rotateAccessKeyAction': {
    path: '/orgs',
    call: ORG_A_FORM(),
    expect: { ...ORG_A_ADMIN, adminA: 'refused:conflict', operator: 'refused:conflict' },
  },
  // Platform operators only; org A has no rotated-out key, so the operator passes the gate and
  // hears there is nothing to delete.
  'app/orgs/[slug]/actions.ts#forceRetireOldKeyAction': {
    path: '/orgs',
    call: ORG_A_FORM({ clusters: '' }),
    expect: { ...OPERATOR_ONLY, adminB: 'not_found', operator: 'refused:conflict' },
  },
  // A wrong confirmation: the operator passes the gate and the domain check refuses, so the
  // matrix deletes nothing that later cells need.
  'app/orgs/[slug]/actions.ts#deleteOrganizationAction': {
    path: '/orgs',
    call: ORG_A_FORM({ confirm: 'not-the-slug' }),
    expect: { ...OPERATOR_ONLY, adminB: 'not_found', operator: 'refused:invalid_input' },
  },
  'app/orgs/actions.ts#createOrganizationAction': {
    path: '/orgs',
    call: (caller) => ({
      args: 'state+form',
      form: { displayName: `Made by ${caller}`, slug: `made-by-${caller.toLowerCase()}` },
    }),
    expect: OPERATOR_ONLY,
  },
  'app/orgs/[slug]/sign-in-settings/actions.ts#registerIdentityProviderAction': {
    path: '/orgs',
    call: (caller, issuers) => ({
      args: 'state+form',
      form: {
        orgSlug: ORG_A,
        issuer: issuers.acme!,
        clientId: `client-set-by-${caller}`,
        clientSecret: `secret-set-by-${caller}`,
      },
    }),
    expect: ORG_A_ADMIN,
  },
  'app/orgs/[slug]/members/actions.ts#inviteMemberAction': {
    path: '/orgs',
    call: (caller) => ({
      args: 'state+form',
      form: {
        orgSlug: ORG_A,
        email: `invited-by-${caller.toLowerCase()}@isolation.test`,
        role: 'viewer',
      },
    }),
    expect: ORG_A_ADMIN,
  },
  // Each caller aims at their own invitation and member of org A (seeded by app-under-test), so
  // an allowed caller's success leaves the next caller's target in place.
  'app/orgs/[slug]/members/actions.ts#revokeInvitationAction': {
    path: '/orgs',
    call: (caller) => ({
      args: 'state+form',
      form: { orgSlug: ORG_A, invitationId: revocableInvitationId(caller) },
    }),
    expect: ORG_A_ADMIN,
  },
  'app/orgs/[slug]/members/actions.ts#removeMemberAction': {
    path: '/orgs',
    call: (caller) => ({
      args: 'state+form',
      form: { orgSlug: ORG_A, userId: removableMemberId(caller) },
    }),
    expect: ORG_A_ADMIN,
  },
  // A manual cluster per allowed caller, so each registration is its own and needs no cluster.
  'app/orgs/[slug]/clusters/actions.ts#registerClusterAction': {
    path: '/orgs',
    call: (caller) => ({
      args: 'form',
      form: {
        orgSlug: ORG_A,
        name: `by-${caller.toLowerCase()}`,
        policy: 'sync',
        connection: 'manual',
      },
    }),
    expect: ORG_A_ADMIN,
  },
  'app/orgs/[slug]/clusters/actions.ts#setClusterStatusAction': {
    path: '/orgs',
    call: ORG_A_FORM({ name: ORG_A_CLUSTER, status: 'stopped' }),
    expect: ORG_A_ADMIN,
  },
  'app/orgs/[slug]/clusters/actions.ts#redeployClusterAction': {
    path: '/orgs',
    call: ORG_A_FORM({ name: ORG_A_CLUSTER }),
    expect: ORG_A_ADMIN,
  },
  // The namespaces it has by default: an allowed caller changes nothing that matters.
  'app/orgs/[slug]/clusters/actions.ts#setTlsNamespacesAction': {
    path: '/orgs',
    call: ORG_A_FORM({ name: ORG_A_CLUSTER, namespaces: 'default' }),
    expect: ORG_A_ADMIN,
  },
  // A wrong confirmation: an allowed caller passes the gate and is refused, nothing deleted.
  'app/orgs/[slug]/clusters/actions.ts#deleteClusterAction': {
    path: '/orgs',
    call: ORG_A_FORM({ name: ORG_A_CLUSTER, confirm: 'not-the-name' }),
    expect: { ...ORG_A_ADMIN, adminA: 'refused:invalid_input', operator: 'refused:invalid_input' },
  },
  // Org A has no zone here (no reconciler) and no decision: the operator passes the gate of each
  // collector action and then hears what the domain says, so the matrix collects nothing.
  'app/gc/actions.ts#approveGcDecisionAction': {
    path: '/orgs',
    call: () => ({ args: 'state+form', form: { org: ORG_A, decisionId: 'no-such-decision' } }),
    // The operator's not_found is the decision's: the others are stopped before (forbidden).
    expect: { ...OPERATOR_ONLY, operator: 'not_found' },
  },
  'app/gc/actions.ts#approveAllGcDecisionsAction': {
    path: '/orgs',
    call: () => ({ args: 'state+form', form: { decisionIds: 'no-such-decision' } }),
    expect: OPERATOR_ONLY,
  },
  'app/gc/actions.ts#cancelGcDecisionAction': {
    path: '/orgs',
    call: () => ({ args: 'state+form', form: { org: ORG_A } }),
    expect: { ...OPERATOR_ONLY, operator: 'refused:conflict' },
  },
  // Unpinning an org that is not pinned changes nothing.
  'app/gc/actions.ts#setGcPinAction': {
    path: '/orgs',
    call: () => ({ args: 'state+form', form: { org: ORG_A, pinned: 'false' } }),
    expect: OPERATOR_ONLY,
  },
  'app/gc/actions.ts#forceGcCollectionAction': {
    path: '/orgs',
    call: () => ({ args: 'state+form', form: { org: ORG_A, confirm: 'alpha.zonekeeper.test' } }),
    expect: { ...OPERATOR_ONLY, operator: 'refused:conflict' },
  },
  // Manual is the mode already (ZK_GC_MODE's default): the switch changes nothing.
  'app/gc/actions.ts#setGcModeAction': {
    path: '/orgs',
    call: () => ({ args: 'state+form', form: { mode: 'manual' } }),
    expect: OPERATOR_ONLY,
  },
  'app/orgs/[slug]/pin-request-actions.ts#requestGcPinAction': {
    path: '/orgs',
    call: ORG_A_FORM({ reason: 'isolation matrix' }),
    expect: ORG_A_ADMIN,
  },
  // Org A has no ready zone here (no reconciler): an allowed caller passes the gate and hears
  // that there is nothing to sync or delete yet, so the matrix changes nothing in Route 53.
  'app/orgs/[slug]/hostnames/actions.ts#syncRecordsAction': {
    path: '/orgs',
    call: ORG_A_FORM(),
    expect: { ...ORG_A_ADMIN, adminA: 'refused:conflict', operator: 'refused:conflict' },
  },
  'app/orgs/[slug]/hostnames/actions.ts#deleteOrphansAction': {
    path: '/orgs',
    call: ORG_A_FORM({ digest: 'a'.repeat(64) }),
    expect: { ...ORG_A_ADMIN, adminA: 'refused:conflict', operator: 'refused:conflict' },
  },
  // Org A's CA key is in the sandbox Vault (app-under-test), so an allowed caller renews the zone's
  // certificate for real (a new key in Vault, which the leak checks then look for).
  'app/orgs/[slug]/certificates/actions.ts#renewCertificatesAction': {
    path: '/orgs',
    call: ORG_A_FORM(),
    expect: ORG_A_ADMIN,
  },
  'app/sign-in/actions.ts#signInWithOrganizationAction': {
    path: '/sign-in',
    call: () => ({ args: 'state+form', form: { organization: 'no-such-org' } }),
    expect: PUBLIC_ACTION,
  },
  'app/sign-in/actions.ts#signInWithPlatformAction': {
    path: '/sign-in',
    call: () => ({ args: 'state+form', form: { callbackUrl: '/orgs' } }),
    expect: PUBLIC_ACTION,
  },
  'app/sign-in/actions.ts#signOutAction': {
    path: '/sign-in',
    call: () => ({ args: 'none' }),
    expect: PUBLIC_ACTION,
  },
};
