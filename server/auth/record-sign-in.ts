// Turns a completed OIDC sign-in into our user, linked identity and membership. A person who came
// through org X's provider becomes a member of X only; only the platform provider names
// platform operators and turns invitations into memberships, so an org's IdP can never claim
// operator rights or another org.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { recordAuditEvent } from '../audit/record-audit-event';
import { acceptInvitations } from '../memberships/accept-invitations';
import { DomainError } from '../errors/domain-error';
import { orgSlugOfProvider, PLATFORM_PROVIDER_ID } from './identity-provider-ids';
import { groupsFromClaims, isNamedOperator, roleFromClaims } from './role-from-claims';

export interface SignInIdentity {
  providerId: string;
  /** The `sub` claim: stable per provider, unlike an email. */
  subject: string;
  claims: Record<string, unknown>;
}

export interface SignInSettings {
  roleClaim: string;
  adminGroup: string;
  operatorEmails: string[];
  operatorGroups: string[];
}

export type SignInRefusal = 'no_email' | 'unknown_org' | 'email_taken' | 'unknown_provider';

export class SignInRefused extends DomainError {
  constructor(
    readonly reason: SignInRefusal,
    message: string,
  ) {
    super('forbidden', message);
  }
}

export async function recordSignIn(
  store: Store,
  settings: SignInSettings,
  identity: SignInIdentity,
): Promise<{ userId: string }> {
  const email = typeof identity.claims.email === 'string' ? identity.claims.email.trim() : '';
  if (!email.includes('@')) {
    throw new SignInRefused(
      'no_email',
      'Your identity provider did not tell Zonekeeper your email address (the "email" claim).',
    );
  }
  const name = typeof identity.claims.name === 'string' ? identity.claims.name : null;
  const groups = groupsFromClaims(identity.claims, settings.roleClaim);
  const orgSlug = orgSlugOfProvider(identity.providerId);
  if (!orgSlug && identity.providerId !== PLATFORM_PROVIDER_ID) {
    throw new SignInRefused('unknown_provider', 'This sign-in method is not known here.');
  }
  const org = orgSlug ? await findOrgWithProvider(store, orgSlug) : null;
  if (orgSlug && !org) {
    throw new SignInRefused('unknown_org', `The organization "${orgSlug}" has no sign-in here.`);
  }

  const userId = await resolveUser(store, identity, email, name);
  const now = new Date();
  await store.db
    .update(store.t.users)
    .set({
      name,
      lastSignInAt: now,
      ...(org
        ? {}
        : {
            isPlatformOperator: isNamedOperator(email, groups, {
              emails: settings.operatorEmails,
              groups: settings.operatorGroups,
            }),
          }),
    })
    .where(eq(store.t.users.id, userId));

  if (org) {
    const role = roleFromClaims(identity.claims, settings);
    await store.db
      .insert(store.t.memberships)
      .values({ id: randomUUID(), userId, orgId: org.id, role, source: 'org-idp' })
      .onConflictDoUpdate({
        target: [store.t.memberships.userId, store.t.memberships.orgId],
        set: { role, source: 'org-idp' },
      });
  } else if (isEmailVerified(identity.claims)) {
    await acceptInvitations(store, { userId, email });
  }
  await recordAuditEvent(store, {
    actor: { type: 'user', id: userId, label: email },
    orgId: org?.id ?? null,
    action: 'auth.signed_in',
    target: email,
    outcome: 'success',
    detail: { provider: identity.providerId },
  });
  return { userId };
}

// An invitation names an email: only a provider that vouches for the address may accept it. Some
// providers send the claim as the string "true".
function isEmailVerified(claims: Record<string, unknown>): boolean {
  return claims.email_verified === true || claims.email_verified === 'true';
}

async function findOrgWithProvider(store: Store, slug: string) {
  const [row] = await store.db
    .select({ id: store.t.organizations.id })
    .from(store.t.organizations)
    .innerJoin(
      store.t.orgIdentityProviders,
      eq(store.t.orgIdentityProviders.orgId, store.t.organizations.id),
    )
    .where(
      and(eq(store.t.organizations.slug, slug), eq(store.t.orgIdentityProviders.enabled, true)),
    );
  return row ?? null;
}

// The linked identity decides who this is. An email alone links only to a user that has no
// identity yet (made before any sign-in): otherwise one IdP could sign in as another's user.
async function resolveUser(
  store: Store,
  identity: SignInIdentity,
  email: string,
  name: string | null,
): Promise<string> {
  const { accounts, users } = store.t;
  const linked = await store.db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(
      and(
        eq(accounts.provider, identity.providerId),
        eq(accounts.providerAccountId, identity.subject),
      ),
    );
  if (linked[0]) return linked[0].userId;

  await store.db
    .insert(users)
    .values({ id: randomUUID(), email, name })
    .onConflictDoNothing({ target: users.email });
  const [user] = await store.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error('user row missing after insert');
  const otherIdentities = await store.db
    .select({ provider: accounts.provider })
    .from(accounts)
    .where(eq(accounts.userId, user.id));
  if (otherIdentities.length > 0) {
    throw new SignInRefused(
      'email_taken',
      `The email ${email} already signs in to Zonekeeper through another identity provider. Use that one, or ask a platform operator.`,
    );
  }
  await store.db
    .insert(accounts)
    .values({
      userId: user.id,
      type: 'oidc',
      provider: identity.providerId,
      providerAccountId: identity.subject,
    })
    .onConflictDoNothing();
  return user.id;
}
