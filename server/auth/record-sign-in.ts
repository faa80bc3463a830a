// Turns a completed OIDC sign-in into our user, linked identity and membership. A person who came
// through org X's provider is a user of X's identity scope and a member of X only; only the
// platform provider's users can be platform operators and accept invitations, so an org's IdP
// can never claim operator rights, another org, or the platform user of an email it asserts.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { isUniqueViolation } from '@/db/unique-violation';
import { recordAuditEvent } from '../audit/record-audit-event';
import { acceptInvitations } from '../memberships/accept-invitations';
import { DomainError } from '../errors/domain-error';
import { normalizeEmail } from './email-address';
import { orgSlugOfProvider, PLATFORM_PROVIDER_ID } from './identity-provider-ids';
import { findOrgIdentityProviderBySlug } from './org-identity-provider';
import { orgIdentityScope, PLATFORM_IDENTITY_SCOPE } from './identity-scope';
import {
  groupsFromClaims,
  roleFromClaims,
  type OperatorSettings,
  type RoleClaimSettings,
} from './role-from-claims';

export interface SignInIdentity {
  providerId: string;
  /** The issuer that signed the ID token: an identity is bound to it. */
  issuer: string;
  /** The `sub` claim: stable per issuer, unlike an email. */
  subject: string;
  claims: Record<string, unknown>;
}

export interface SignInSettings extends RoleClaimSettings, OperatorSettings {}

export type SignInRefusal =
  'no_email' | 'unknown_org' | 'email_taken' | 'unknown_provider' | 'issuer_changed';

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
  const rawEmail = typeof identity.claims.email === 'string' ? identity.claims.email : '';
  const email = normalizeEmail(rawEmail);
  if (!email.includes('@')) {
    throw new SignInRefused(
      'no_email',
      'Your identity provider did not tell Zonekeeper your email address (the "email" claim).',
    );
  }
  const name = typeof identity.claims.name === 'string' ? identity.claims.name : null;
  const orgSlug = orgSlugOfProvider(identity.providerId);
  if (!orgSlug && identity.providerId !== PLATFORM_PROVIDER_ID) {
    throw new SignInRefused('unknown_provider', 'This sign-in method is not known here.');
  }
  // An org being deleted signs no one in (findOrgIdentityProviderBySlug leaves it out).
  const found = orgSlug ? await findOrgIdentityProviderBySlug(store, orgSlug) : null;
  if (orgSlug && !found) {
    throw new SignInRefused('unknown_org', `The organization "${orgSlug}" has no sign-in here.`);
  }
  if (found && found.provider.issuer !== identity.issuer) {
    // The org was re-pointed while this sign-in was under way.
    throw issuerChanged();
  }
  const org = found?.org ?? null;
  const verified = isEmailVerified(identity.claims);
  const scope = org ? orgIdentityScope(org.id) : PLATFORM_IDENTITY_SCOPE;

  // The user, their identity, membership or invitations and the audit event as one unit. Each
  // step also tolerates a concurrent twin (unique constraints, then a re-read), so two first
  // sign-ins at once make one user and one identity.
  const userId = await store.transaction(async (tx) => {
    const id = await resolveUser(tx, identity, scope, email, name);
    await updateUser(tx, id, {
      // The stored address follows the claim, so the audit trail names the one just used.
      email,
      name,
      lastSignInAt: new Date(),
      emailVerified: verified ? new Date() : null,
      // Kept for the platform only: operator rights are recomputed from them on every request.
      platformGroups: JSON.stringify(
        org ? [] : groupsFromClaims(identity.claims, settings.roleClaim),
      ),
    });

    if (org) {
      const role = roleFromClaims(identity.claims, settings);
      await tx.db
        .insert(tx.t.memberships)
        .values({ id: randomUUID(), userId: id, orgId: org.id, role, source: 'org-idp' })
        .onConflictDoUpdate({
          target: [tx.t.memberships.userId, tx.t.memberships.orgId],
          set: { role, source: 'org-idp' },
        });
    } else if (verified) {
      await acceptInvitations(tx, { userId: id, email });
    }
    await recordAuditEvent(tx, {
      actor: { type: 'user', id, label: email },
      orgId: org?.id ?? null,
      action: 'auth.signed_in',
      target: email,
      outcome: 'success',
      detail: { provider: identity.providerId, emailVerified: verified },
    });
    return id;
  });
  return { userId };
}

// An invitation or an operator email names an address: only a provider that vouches for it
// counts. Some providers send the claim as the string "true".
function isEmailVerified(claims: Record<string, unknown>): boolean {
  return claims.email_verified === true || claims.email_verified === 'true';
}

async function updateUser(
  store: Store,
  userId: string,
  values: Partial<typeof store.t.users.$inferInsert>,
): Promise<void> {
  try {
    await store.db.update(store.t.users).set(values).where(eq(store.t.users.id, userId));
  } catch (error) {
    // The new address belongs to another user of the same scope.
    if (isUniqueViolation(error)) throw emailTaken(String(values.email));
    throw error;
  }
}

// The linked identity (provider, issuer, sub) decides who this is. An email links only to a user
// of the same scope that has no identity yet: otherwise one `sub` could take over another's user.
async function resolveUser(
  store: Store,
  identity: SignInIdentity,
  scope: string,
  email: string,
  name: string | null,
): Promise<string> {
  const { users } = store.t;
  const linked = await findAccount(store, identity);
  if (linked) return checkIssuer(store, identity, linked);

  await store.db
    .insert(users)
    .values({ id: randomUUID(), identityScope: scope, email, name })
    .onConflictDoNothing({ target: [users.identityScope, users.email] });
  const [user] = await store.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.identityScope, scope), eq(users.email, email)));
  if (!user) throw new Error('user row missing after insert');
  try {
    // A savepoint: on PostgreSQL a failed statement spoils the transaction it runs in, and the
    // re-read below must still work.
    await store.transaction((savepoint) =>
      savepoint.db.insert(savepoint.t.accounts).values({
        userId: user.id,
        type: 'oidc',
        provider: identity.providerId,
        providerAccountId: identity.subject,
        issuer: identity.issuer,
      }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent first sign-in linked first: the same identity is fine, another one for this
    // user (accounts_user_uq) is not.
    const winner = await findAccount(store, identity);
    if (winner?.userId === user.id) return checkIssuer(store, identity, winner);
    throw emailTaken(email);
  }
  return user.id;
}

async function findAccount(store: Store, identity: SignInIdentity) {
  const { accounts } = store.t;
  const [row] = await store.db
    .select({ userId: accounts.userId, issuer: accounts.issuer })
    .from(accounts)
    .where(
      and(
        eq(accounts.provider, identity.providerId),
        eq(accounts.providerAccountId, identity.subject),
      ),
    );
  return row ?? null;
}

async function checkIssuer(
  store: Store,
  identity: SignInIdentity,
  account: { userId: string; issuer: string | null },
): Promise<string> {
  if (account.issuer === null) {
    // Linked before issuers were recorded: bind it to the issuer it signs in with now.
    const { accounts } = store.t;
    await store.db
      .update(accounts)
      .set({ issuer: identity.issuer })
      .where(
        and(
          eq(accounts.provider, identity.providerId),
          eq(accounts.providerAccountId, identity.subject),
        ),
      );
    return account.userId;
  }
  if (account.issuer !== identity.issuer) throw issuerChanged();
  return account.userId;
}

function issuerChanged(): SignInRefused {
  return new SignInRefused(
    'issuer_changed',
    'This account was created through a different identity provider than the one your organization uses now. Ask an admin of your organization.',
  );
}

function emailTaken(email: string): SignInRefused {
  return new SignInRefused(
    'email_taken',
    `The email ${email} already signs in to Zonekeeper through another account of this identity provider. Use that one, or ask a platform operator.`,
  );
}
