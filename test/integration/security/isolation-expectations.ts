// What each of the five callers may do on every page route and server action. The isolation
// test discovers routes and actions from the code and fails for any without an entry here:
// adding a page or an action means adding a line that says who may reach it.
//
// Pages: 'ok' (200), 'not_found' (404: another org's, same as a missing one), 'sign-in'
// (redirect to the sign-in page), 'redirect:<path>'. Actions: 'allowed', 'unauthenticated'
// (401), 'forbidden' (role lacks the permission), 'not_found' (another org's).
import type { ActionCall, ActionOutcome, PageOutcome } from './support/call-surface';
import { ORG_A, type CallerName } from './support/app-under-test';

type PerCaller<T> = Record<CallerName, T>;

/** Values for the dynamic segments of page routes: [slug] is always org A. */
export const ROUTE_PARAMS: Record<string, string> = { slug: ORG_A, provider: 'platform' };

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
  '/sign-in': PUBLIC_PAGE,
  '/sign-in/error/[provider]': PUBLIC_PAGE,
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
