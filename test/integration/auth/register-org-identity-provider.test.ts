// Registering an org's own OIDC provider against the sandbox Vault and identity provider: the
// client secret lands in Vault and nowhere in the database; bad issuers are refused in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxIdentityProvider } from '@/sandbox/oidc/start-sandbox-identity-provider';
import { startSandbox } from '@/sandbox/start-sandbox';
import { listenOnLoopback } from '@/sandbox/http/listen';
import {
  clientSecretPath,
  findOrgIdentityProvider,
  registerOrgIdentityProvider,
} from '@/server/auth/org-identity-provider';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { DomainError } from '@/server/errors/domain-error';
import type { Organization } from '@/db/rows';
import { createOrganization } from '@/server/orgs/create-organization';
import { openSqliteTestStore, type TestStore } from '../../support/stores';

describe('registerOrgIdentityProvider', () => {
  let store: TestStore;
  let vault: VaultKv;
  let org: Organization;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let idp: Awaited<ReturnType<typeof startSandboxIdentityProvider>>;
  const actor = { type: 'user' as const, id: 'u-1', label: 'ada@acme.test' };

  beforeAll(async () => {
    sandbox = await startSandbox();
    idp = await startSandboxIdentityProvider({ appUrl: 'http://localhost:3999' });
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR!,
      token: sandbox.env.VAULT_TOKEN!,
      mount: 'secret',
      timeoutMs: 5_000,
    });
    store = await openSqliteTestStore();
    org = await createOrganization(
      { store, actor, baseDomain: 'zonekeeper.test' },
      { displayName: 'Acme', slug: 'acme' },
    );
  });
  afterAll(async () => {
    await store?.destroy();
    await idp?.close();
    await sandbox?.close();
  });

  const register = (input: { issuer: string; clientId?: string; clientSecret?: string }) =>
    registerOrgIdentityProvider(
      { store, vault, actor, org },
      { clientId: 'zonekeeper-acme', clientSecret: 'the-secret-value', ...input },
    );
  const issuerError = async (issuer: string) => {
    const error = (await register({ issuer }).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    return error.fields?.issuer?.join(' ') ?? '';
  };

  it('refuses a malformed issuer URL, saying what an issuer looks like', async () => {
    expect(await issuerError('login.acme.test')).toMatch(/is not a URL.*https:\/\/login/);
    expect(await issuerError('http://login.acme.test')).toMatch(/must use https/);
    expect(await findOrgIdentityProvider(store, org.id)).toBeNull();
    expect(await vault.readSecret(clientSecretPath('acme'))).toBeNull();
  });

  it('refuses an issuer that does not answer, storing nothing', async () => {
    // A port that was just free: nothing listens there.
    const server = await listenOnLoopback((_q, s) => s.end());
    const deadUrl = server.url;
    await server.close();
    expect(await issuerError(`${deadUrl}/acme`)).toMatch(/did not answer/);
    expect(await findOrgIdentityProvider(store, org.id)).toBeNull();
  });

  it('refuses an issuer whose discovery document names another issuer', async () => {
    expect(await issuerError(`${idp.issuers.acme}/`)).toMatch(/calls itself/);
  });

  it('stores the secret in Vault and only its path and version in the database', async () => {
    await register({ issuer: idp.issuers.acme! });
    const row = await findOrgIdentityProvider(store, org.id);
    expect(row).toMatchObject({
      issuer: idp.issuers.acme,
      clientSecretVaultPath: 'zonekeeper/orgs/acme/oidc',
      clientSecretVaultVersion: 1,
    });
    expect((await vault.readSecret('zonekeeper/orgs/acme/oidc'))?.data.client_secret).toBe(
      'the-secret-value',
    );
    const everything = JSON.stringify([
      await store.db.select().from(store.t.orgIdentityProviders),
      await store.db.select().from(store.t.auditEvents),
    ]);
    expect(everything).not.toContain('the-secret-value');
  });

  it('keeps the stored secret when an edit leaves it empty', async () => {
    await register({ issuer: idp.issuers.acme!, clientId: 'renamed', clientSecret: '' });
    const row = await findOrgIdentityProvider(store, org.id);
    expect(row).toMatchObject({ clientId: 'renamed', clientSecretVaultVersion: 1 });
  });
});
