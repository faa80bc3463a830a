// The verbs the sign-in code in app/ calls instead of reaching Vault and the store itself: the
// org's OIDC client (secret from this installation's Vault, or none when it cannot be read), the
// registration that stores the secret there, and the user a signed-in account is linked to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/open-store';
import { startSandboxIdentityProvider } from '@/sandbox/oidc/start-sandbox-identity-provider';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { findOrgSignInClient } from '@/server/auth/find-org-sign-in-client';
import { findUserOfAccount } from '@/server/auth/find-user-of-account';
import { clientSecretPath } from '@/server/auth/org-identity-provider';
import { saveOrgIdentityProvider } from '@/server/auth/save-org-identity-provider';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { createOrganization } from '@/server/orgs/create-organization';
import { getStore } from '@/server/store';
import { STORE_KINDS } from '../../support/stores';

const actor = { type: 'user' as const, id: 'u-1', label: 'ada@acme.test' };

describe('the org sign-in client, through the installation Vault and store', () => {
  let sandbox: Sandbox;
  let idp: Awaited<ReturnType<typeof startSandboxIdentityProvider>>;
  let vault: VaultKv;
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    idp = await startSandboxIdentityProvider({ appUrl: 'http://localhost:3999' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-sign-in-'));
    // The process-wide configuration, read once: point it at this sandbox and a fresh store.
    Object.assign(process.env, sandbox.env, {
      DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
      ZK_BASE_DOMAIN: 'zonekeeper.test',
      // The sandbox IdP answers on loopback http, which only sandbox mode lets issuers use.
      ZK_SANDBOX: '1',
    });
    store = await getStore();
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await store?.close();
    await idp?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores the secret in Vault, hands it to the sign-in, and none when Vault lacks it', async () => {
    const org = await createOrganization(
      { store, actor, baseDomain: 'zonekeeper.test' },
      { displayName: 'Acme', slug: 'acme' },
    );
    await saveOrgIdentityProvider(
      { store, actor, org },
      { issuer: idp.issuers.acme!, clientId: 'zonekeeper-acme', clientSecret: 'the-secret-value' },
    );
    expect((await vault.readSecret(clientSecretPath('acme')))?.data.client_secret).toBe(
      'the-secret-value',
    );

    const client = {
      issuer: idp.issuers.acme,
      clientId: 'zonekeeper-acme',
    };
    expect(await findOrgSignInClient('acme', { withSecret: true })).toEqual({
      ...client,
      clientSecret: 'the-secret-value',
    });
    expect(await findOrgSignInClient('acme', { withSecret: false })).toEqual({
      ...client,
      clientSecret: '',
    });
    expect(await findOrgSignInClient('globex', { withSecret: true })).toBeNull();

    // A lost secret refuses the code exchange but never the start of a sign-in.
    await vault.deleteSecret(clientSecretPath('acme'));
    expect(await findOrgSignInClient('acme', { withSecret: true })).toBeNull();
    expect(await findOrgSignInClient('acme', { withSecret: false })).toEqual({
      ...client,
      clientSecret: '',
    });
  });
});

describe.each(STORE_KINDS)('findUserOfAccount on $name', ({ available, open }) => {
  it.skipIf(!available)('finds the linked user of exactly that provider account', async () => {
    const store = await open();
    try {
      const userId = randomUUID();
      await store.db.insert(store.t.users).values({ id: userId, email: 'ada@acme.test' });
      await store.db.insert(store.t.accounts).values({
        userId,
        type: 'oidc',
        provider: 'org-acme',
        providerAccountId: 'sub-1',
      });
      expect(
        await findUserOfAccount(store, { provider: 'org-acme', providerAccountId: 'sub-1' }),
      ).toBe(userId);
      expect(
        await findUserOfAccount(store, { provider: 'platform', providerAccountId: 'sub-1' }),
      ).toBeNull();
      expect(
        await findUserOfAccount(store, { provider: 'org-acme', providerAccountId: 'sub-2' }),
      ).toBeNull();
    } finally {
      await store.destroy();
    }
  });
});
