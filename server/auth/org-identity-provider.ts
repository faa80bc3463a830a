// An organization's own OIDC provider: registering it (the client secret goes to Vault, the DB
// keeps only where it is) and reading it back to build the sign-in for that org.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { VaultKv } from '../cloud/vault';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import type { Actor } from './actor';
import { explainIssuerProblem } from './check-issuer';

export const registerOrgIdentityProviderInput = z.object({
  issuer: z.string().trim().min(1, 'Enter the issuer URL of your identity provider.'),
  clientId: z.string().trim().min(1, 'Enter the client id Zonekeeper was registered with.'),
  // Blank on a later edit keeps the stored secret.
  clientSecret: z.string().default(''),
});
export type RegisterOrgIdentityProviderInput = z.input<typeof registerOrgIdentityProviderInput>;

export interface OrgIdentityProviderContext {
  store: Store;
  vault: VaultKv;
  actor: Actor;
  org: Organization;
}

export function clientSecretPath(slug: string): string {
  return `zonekeeper/orgs/${slug}/oidc`;
}

export async function registerOrgIdentityProvider(
  { store, vault, actor, org }: OrgIdentityProviderContext,
  rawInput: RegisterOrgIdentityProviderInput,
): Promise<{ issuer: string; clientId: string }> {
  const input = registerOrgIdentityProviderInput.parse(rawInput);
  const existing = await findOrgIdentityProvider(store, org.id);
  if (!existing && input.clientSecret === '') {
    throw new DomainError('invalid_input', 'Check the highlighted fields.', {
      clientSecret: ['Enter the client secret your identity provider issued for Zonekeeper.'],
    });
  }
  const issuerProblem = await explainIssuerProblem(input.issuer);
  if (issuerProblem) {
    throw new DomainError('invalid_input', 'Check the highlighted fields.', {
      issuer: [issuerProblem],
    });
  }
  const path = clientSecretPath(org.slug);
  const version =
    input.clientSecret === ''
      ? (existing?.clientSecretVaultVersion ?? null)
      : (await vault.writeSecret(path, { client_secret: input.clientSecret })).version;
  const values = {
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecretVaultPath: path,
    clientSecretVaultVersion: version,
    enabled: true,
  };
  await store.db
    .insert(store.t.orgIdentityProviders)
    .values({ orgId: org.id, ...values })
    .onConflictDoUpdate({ target: store.t.orgIdentityProviders.orgId, set: values });
  await recordAuditEvent(store, {
    actor,
    orgId: org.id,
    action: 'idp.registered',
    target: org.slug,
    outcome: 'success',
    detail: { issuer: input.issuer, clientId: input.clientId, secretChanged: version !== null },
  });
  return { issuer: input.issuer, clientId: input.clientId };
}

export async function findOrgIdentityProvider(store: Store, orgId: string) {
  const [row] = await store.db
    .select()
    .from(store.t.orgIdentityProviders)
    .where(eq(store.t.orgIdentityProviders.orgId, orgId));
  return row ?? null;
}

/** The enabled provider of the org with this slug, with its org; null when there is none. */
export async function findOrgIdentityProviderBySlug(store: Store, slug: string) {
  const [row] = await store.db
    .select({ org: store.t.organizations, provider: store.t.orgIdentityProviders })
    .from(store.t.orgIdentityProviders)
    .innerJoin(
      store.t.organizations,
      eq(store.t.organizations.id, store.t.orgIdentityProviders.orgId),
    )
    .where(
      and(eq(store.t.organizations.slug, slug), eq(store.t.orgIdentityProviders.enabled, true)),
    );
  return row ?? null;
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
