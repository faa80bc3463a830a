// A deleted org signs no one in: from the moment its deletion is requested, sign-in through its
// IdP and changes to its sign-in settings are refused; teardown then disables the IdP and
// deletes its client secret from Vault. Against the sandbox over HTTP and its identity provider.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@/db/rows';
import { startSandboxIdentityProvider } from '@/sandbox/oidc/start-sandbox-identity-provider';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import {
  clientSecretPath,
  findOrgIdentityProvider,
  findOrgIdentityProviderBySlug,
  registerOrgIdentityProvider,
} from '@/server/auth/org-identity-provider';
import { recordSignIn, SignInRefused } from '@/server/auth/record-sign-in';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { DomainError } from '@/server/errors/domain-error';
import { createOrganization } from '@/server/orgs/create-organization';
import { requestOrganizationDeletion } from '@/server/orgs/delete-organization';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

const SETTINGS = {
  roleClaim: 'groups',
  adminGroup: 'zonekeeper-admins',
  operatorEmails: [],
  operatorGroups: [],
};

describe('a deleted organization signs no one in', () => {
  let sandbox: Sandbox;
  let idp: Awaited<ReturnType<typeof startSandboxIdentityProvider>>;
  let store: TestStore;
  let vault: VaultKv;
  let org: Organization;
  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    idp = await startSandboxIdentityProvider({ appUrl: 'http://localhost:3999' });
    store = await openSqliteTestStore();
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    org = await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Acme', slug: 'acme' },
    );
    const acme = idp.organizations.find((o) => o.slug === 'acme')!;
    await registerOrgIdentityProvider(
      { store, vault, actor: SYSTEM_ACTOR, org, issuerPolicy: { allowLoopback: true } },
      { issuer: acme.issuer, clientId: acme.clientId, clientSecret: acme.clientSecret },
    );
    expect((await reconcilePass(store, SYSTEM_ACTOR)).results).toEqual([
      { slug: 'acme', outcome: 'ready' },
    ]);
  });
  afterAll(async () => {
    await store?.destroy();
    await idp?.close();
    await sandbox?.close();
  });

  const signIn = () =>
    recordSignIn(store, SETTINGS, {
      providerId: 'org-acme',
      issuer: idp.issuers.acme!,
      subject: 'ada',
      claims: { email: 'ada@acme.test', groups: ['zonekeeper-admins'] },
    });

  it('refuses sign-in and settings changes once deletion is requested, then removes the IdP', async () => {
    await signIn();
    const deleting = await requestOrganizationDeletion(
      { store, actor: SYSTEM_ACTOR },
      { slug: 'acme', confirm: 'acme' },
    );
    expect(((await signIn().catch((e: unknown) => e)) as SignInRefused).reason).toBe('unknown_org');
    expect(await findOrgIdentityProviderBySlug(store, 'acme')).toBeNull();
    const change = (await registerOrgIdentityProvider(
      { store, vault, actor: SYSTEM_ACTOR, org: deleting, issuerPolicy: { allowLoopback: true } },
      { issuer: idp.issuers.acme!, clientId: 'zonekeeper-acme', clientSecret: 'new' },
    ).catch((e: unknown) => e)) as DomainError;
    expect(change).toBeInstanceOf(DomainError);
    expect(change.code).toBe('conflict');
    expect(change.message).toMatch(/acme is being deleted/);
    expect((await vault.readSecret(clientSecretPath('acme')))?.data.client_secret).toBeTruthy();

    expect((await reconcilePass(store, SYSTEM_ACTOR)).results).toEqual([
      { slug: 'acme', outcome: 'deleted' },
    ]);
    expect(await findOrgIdentityProvider(store, org.id)).toMatchObject({
      enabled: false,
      clientSecretVaultVersion: null,
    });
    expect(await vault.readSecret(clientSecretPath('acme'))).toBeNull();
    const removed = await store.db
      .select()
      .from(store.t.auditEvents)
      .where(eq(store.t.auditEvents.action, 'idp.removed'));
    expect(removed.map((e) => e.target)).toEqual(['acme']);
  });
});
