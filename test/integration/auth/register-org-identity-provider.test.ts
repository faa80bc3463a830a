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
import { recordSignIn, SignInRefused, type SignInSettings } from '@/server/auth/record-sign-in';
import { startSession, userOfSession } from '@/server/auth/sessions';
import { eq } from 'drizzle-orm';
import type { Organization } from '@/db/rows';
import { createOrganization } from '@/server/orgs/create-organization';
import { openSqliteTestStore, type TestStore } from '../../support/stores';
import { startStubIssuer } from '../../support/stub-issuer';

const SIGN_IN: SignInSettings = {
  roleClaim: 'groups',
  adminGroup: 'zonekeeper-admins',
  operatorEmails: [],
  operatorGroups: [],
};

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
      // The sandbox IdP is plain http on loopback, as in sandbox mode.
      { store, vault, actor, org, issuerPolicy: { allowLoopback: true } },
      { clientId: 'zonekeeper-acme', clientSecret: 'the-secret-value', ...input },
    );
  const registeredEvents = async () =>
    (await store.db.select().from(store.t.auditEvents)).filter(
      (e) => e.action === 'idp.registered',
    );
  const issuerError = async (issuer: string) => {
    const error = (await register({ issuer }).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    return error.fields?.issuer?.join(' ') ?? '';
  };

  it('refuses a malformed issuer URL, saying what an issuer looks like', async () => {
    expect(await issuerError('login.acme.test')).toMatch(/is not a URL.*https:\/\/login/);
    expect(await issuerError('http://login.acme.test')).toMatch(/must use https/);
    expect(await issuerError('https://user:pw@login.acme.test')).toMatch(/no user name/);
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
    const error = await issuerError(`${idp.issuers.acme}/`);
    expect(error).toMatch(/did not answer with a discovery document for exactly this issuer/);
    // What the provider calls itself is not repeated.
    expect(error).not.toContain(`"${idp.issuers.acme}"`);
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

  it('keeps the stored secret when an edit changes nothing else, and audits that it kept it', async () => {
    await register({ issuer: idp.issuers.acme!, clientSecret: '' });
    const row = await findOrgIdentityProvider(store, org.id);
    expect(row).toMatchObject({ clientId: 'zonekeeper-acme', clientSecretVaultVersion: 1 });
    const events = await registeredEvents();
    expect(events.at(-2)?.detail).toMatchObject({ secretChanged: true });
    expect(events.at(-1)?.detail).toMatchObject({ secretChanged: false, issuerChanged: false });
  });

  it('refuses to keep the stored secret when the issuer or client id changes, and sends it nowhere', async () => {
    const stub = await startStubIssuer();
    try {
      for (const change of [{ issuer: stub.issuer }, { clientId: 'another-client' }]) {
        const error = (await register({
          issuer: idp.issuers.acme!,
          ...change,
          clientSecret: '',
        }).catch((e: unknown) => e)) as DomainError;
        expect(error.fields?.clientSecret?.join(' ')).toMatch(
          /changed the issuer or client id: enter the client secret/,
        );
      }
      expect(stub.requests).toEqual([]);
      expect(await findOrgIdentityProvider(store, org.id)).toMatchObject({
        issuer: idp.issuers.acme,
        clientId: 'zonekeeper-acme',
        clientSecretVaultVersion: 1,
      });
    } finally {
      await stub.close();
    }
  });

  it('signs out the members of the old issuer when the issuer changes, so they sign in again', async () => {
    const member = await recordSignIn(store, SIGN_IN, {
      providerId: 'org-acme',
      issuer: idp.issuers.acme!,
      subject: 'ada',
      claims: { email: 'ada@acme.test', groups: ['zonekeeper-admins'] },
    });
    const sessionId = await startSession(store, member.userId, 3600);
    const stub = await startStubIssuer();
    try {
      const registered = await register({ issuer: stub.issuer, clientSecret: 'a-new-secret' });
      expect(registered.signedOutMembers).toBe(1);
      expect(stub.requests).toEqual(['GET /.well-known/openid-configuration']);
      expect(await userOfSession(store, sessionId)).toBeNull();
      expect(
        await store.db
          .select()
          .from(store.t.accounts)
          .where(eq(store.t.accounts.userId, member.userId)),
      ).toEqual([]);
      expect((await registeredEvents()).at(-1)?.detail).toMatchObject({
        secretChanged: true,
        issuerChanged: true,
        previousIssuer: idp.issuers.acme,
        signedOutMembers: 1,
      });
      // The same `sub` through the old issuer is refused now; through the new one with the same
      // email the person is the same user again.
      const refused = await recordSignIn(store, SIGN_IN, {
        providerId: 'org-acme',
        issuer: idp.issuers.acme!,
        subject: 'ada',
        claims: { email: 'ada@acme.test' },
      }).catch((e: unknown) => e);
      expect((refused as SignInRefused).reason).toBe('issuer_changed');
      const again = await recordSignIn(store, SIGN_IN, {
        providerId: 'org-acme',
        issuer: stub.issuer,
        subject: 'ada-at-the-new-idp',
        claims: { email: 'ada@acme.test', groups: ['zonekeeper-admins'] },
      });
      expect(again.userId).toBe(member.userId);
    } finally {
      await register({ issuer: idp.issuers.acme!, clientSecret: 'the-secret-value' });
      await stub.close();
    }
  });
});
