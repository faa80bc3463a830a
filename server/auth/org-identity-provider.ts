// An organization's own OIDC provider: registering it (the client secret goes to Vault, the DB
// keeps only where it is) and reading it back to build the sign-in for that org.
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { VaultKv } from '../cloud/vault';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import type { Actor } from './actor';
import { explainIssuerProblem } from './check-issuer';
import { providerIdForOrg } from './identity-provider-ids';
import { createIssuerFetch, type IssuerNetworkPolicy } from './issuer-fetch';
import {
  MAX_CLIENT_ID_LENGTH,
  MAX_CLIENT_SECRET_LENGTH,
  MAX_ISSUER_LENGTH,
} from './identity-provider-limits';

export const registerOrgIdentityProviderInput = z.object({
  issuer: z
    .string()
    .trim()
    .min(1, 'Enter the issuer URL of your identity provider.')
    .max(MAX_ISSUER_LENGTH, `An issuer URL is at most ${MAX_ISSUER_LENGTH} characters.`),
  clientId: z
    .string()
    .trim()
    .min(1, 'Enter the client id Zonekeeper was registered with.')
    .max(MAX_CLIENT_ID_LENGTH, `A client id is at most ${MAX_CLIENT_ID_LENGTH} characters.`),
  // Blank on a later edit keeps the stored secret, as long as issuer and client id stay.
  clientSecret: z
    .string()
    .max(
      MAX_CLIENT_SECRET_LENGTH,
      `A client secret is at most ${MAX_CLIENT_SECRET_LENGTH} characters.`,
    )
    .default(''),
});
export type RegisterOrgIdentityProviderInput = z.input<typeof registerOrgIdentityProviderInput>;

export interface OrgIdentityProviderContext {
  store: Store;
  vault: VaultKv;
  actor: Actor;
  org: Organization;
  /** Where the issuer may be (see issuer-fetch.ts); loopback only in sandbox mode. */
  issuerPolicy: IssuerNetworkPolicy;
}

export interface RegisteredIdentityProvider {
  issuer: string;
  clientId: string;
  /** How many members must sign in again because the issuer changed. */
  signedOutMembers: number;
}

export function clientSecretPath(slug: string): string {
  return `zonekeeper/orgs/${slug}/oidc`;
}

/** An org being deleted (or deleted) keeps its settings as they are. */
export function assertOrgAcceptsChanges(org: Organization): void {
  if (org.desiredState === 'absent' || org.status === 'deleting' || org.status === 'deleted') {
    throw new DomainError(
      'conflict',
      `${org.slug} is being deleted: its settings can no longer change, and no one signs in through it.`,
    );
  }
}

export async function registerOrgIdentityProvider(
  { store, vault, actor, org, issuerPolicy }: OrgIdentityProviderContext,
  rawInput: RegisterOrgIdentityProviderInput,
): Promise<RegisteredIdentityProvider> {
  assertOrgAcceptsChanges(org);
  const input = registerOrgIdentityProviderInput.parse(rawInput);
  const existing = await findOrgIdentityProvider(store, org.id);
  const issuerChanged = existing !== null && existing.issuer !== input.issuer;
  const repointed = issuerChanged || (existing !== null && existing.clientId !== input.clientId);
  if (input.clientSecret === '' && (!existing || repointed)) {
    // The stored secret was issued for the old issuer and client: keeping it would post it to
    // whatever the new issuer's token endpoint is.
    throw new DomainError('invalid_input', 'Check the highlighted fields.', {
      clientSecret: [
        existing
          ? 'You changed the issuer or client id: enter the client secret issued for them. The stored secret is never sent to another provider.'
          : 'Enter the client secret your identity provider issued for Zonekeeper.',
      ],
    });
  }
  // A fresh request, not the sign-in page's cache: the admin is checking the provider now.
  const issuerProblem = await explainIssuerProblem(
    input.issuer,
    issuerPolicy,
    createIssuerFetch(issuerPolicy),
  );
  if (issuerProblem) {
    throw new DomainError('invalid_input', 'Check the highlighted fields.', {
      issuer: [issuerProblem],
    });
  }
  const path = clientSecretPath(org.slug);
  const secretChanged = input.clientSecret !== '';
  const version = secretChanged
    ? (await vault.writeSecret(path, { client_secret: input.clientSecret })).version
    : (existing?.clientSecretVaultVersion ?? null);
  const values = {
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecretVaultPath: path,
    clientSecretVaultVersion: version,
    enabled: true,
  };
  // One unit: no sign-in may see the new issuer with the old issuer's identities still linked,
  // nor a registration without its audit event.
  const signedOutMembers = await store.transaction(async (tx) => {
    await tx.db
      .insert(tx.t.orgIdentityProviders)
      .values({ orgId: org.id, ...values })
      .onConflictDoUpdate({ target: tx.t.orgIdentityProviders.orgId, set: values });
    const signedOutMembers = issuerChanged ? await unlinkOtherIssuers(tx, org, input.issuer) : 0;
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'idp.registered',
      target: org.slug,
      outcome: 'success',
      detail: {
        issuer: input.issuer,
        clientId: input.clientId,
        secretChanged,
        issuerChanged,
        ...(issuerChanged && { previousIssuer: existing.issuer, signedOutMembers }),
      },
    });
    return signedOutMembers;
  });
  return { issuer: input.issuer, clientId: input.clientId, signedOutMembers };
}

// The identities the old issuer vouched for stop signing in: their links go (the new issuer may
// not assert their `sub`) and their sessions end. Their users and memberships stay, so a sign-in
// through the new issuer with the same email picks them up again.
async function unlinkOtherIssuers(store: Store, org: Organization, issuer: string) {
  const { accounts, sessions } = store.t;
  const provider = providerIdForOrg(org.slug);
  const stale = await store.db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(
      and(
        eq(accounts.provider, provider),
        or(isNull(accounts.issuer), ne(accounts.issuer, issuer)),
      ),
    );
  const userIds = stale.map((a) => a.userId);
  if (userIds.length === 0) return 0;
  await store.db.delete(sessions).where(inArray(sessions.userId, userIds));
  await store.db
    .delete(accounts)
    .where(and(eq(accounts.provider, provider), inArray(accounts.userId, userIds)));
  return userIds.length;
}

export async function findOrgIdentityProvider(store: Store, orgId: string) {
  const [row] = await store.db
    .select()
    .from(store.t.orgIdentityProviders)
    .where(eq(store.t.orgIdentityProviders.orgId, orgId));
  return row ?? null;
}

/**
 * The enabled provider of the org with this slug, with its org; null when there is none, and
 * for an org that is being deleted: no one signs in through it any more.
 */
export async function findOrgIdentityProviderBySlug(store: Store, slug: string) {
  const { organizations, orgIdentityProviders } = store.t;
  const [row] = await store.db
    .select({ org: organizations, provider: orgIdentityProviders })
    .from(orgIdentityProviders)
    .innerJoin(organizations, eq(organizations.id, orgIdentityProviders.orgId))
    .where(
      and(
        eq(organizations.slug, slug),
        eq(orgIdentityProviders.enabled, true),
        eq(organizations.desiredState, 'present'),
        ne(organizations.status, 'deleting'),
        ne(organizations.status, 'deleted'),
      ),
    );
  return row ?? null;
}

/**
 * Teardown: the org's provider signs no one in any more, and its secret leaves Vault. Idempotent;
 * true when there was something to remove.
 */
export async function disableOrgIdentityProvider(
  store: Store,
  vault: VaultKv,
  org: Organization,
): Promise<boolean> {
  const existing = await findOrgIdentityProvider(store, org.id);
  if (!existing) return false;
  // The secret first: a crash in between leaves the row enabled, so the next pass deletes again.
  await vault.deleteSecret(existing.clientSecretVaultPath);
  if (!existing.enabled && existing.clientSecretVaultVersion === null) return false;
  await store.db
    .update(store.t.orgIdentityProviders)
    .set({ enabled: false, clientSecretVaultVersion: null })
    .where(eq(store.t.orgIdentityProviders.orgId, org.id));
  return true;
}

export async function readOrgClientSecret(vault: VaultKv, vaultPath: string): Promise<string> {
  const secret = await vault.readSecret(vaultPath);
  const value = secret?.data.client_secret;
  if (!value) {
    throw new DomainError(
      'unavailable',
      'The client secret of this organization is missing from Vault; an org admin must enter it again.',
    );
  }
  return value;
}
