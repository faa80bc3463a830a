// Creates the sandbox's demo organizations (acme, globex) with their own identity providers, the
// way an operator would (through the domain functions), so that their demo people can sign in.
// Idempotent: what already exists is left as it is, so `npm start` can call it on every start.
import { eq } from 'drizzle-orm';
import type { Store } from '../db/open-store';
import type { SandboxOrgIssuer } from '../sandbox/oidc/start-sandbox-identity-provider';
import type { Actor } from '../server/auth/actor';
import {
  findOrgIdentityProvider,
  registerOrgIdentityProvider,
} from '../server/auth/org-identity-provider';
import { createVaultKv } from '../server/cloud/vault';
import { createOrganization } from '../server/orgs/create-organization';

const SEED_ACTOR: Actor = { type: 'cli', label: 'cli:sandbox-seed' };

export async function seedDemoOrganizations(options: {
  store: Store;
  /** The sandbox's environment: where its Vault is and the token to write there. */
  sandboxEnv: { VAULT_ADDR: string; VAULT_TOKEN: string };
  baseDomain: string;
  organizations: SandboxOrgIssuer[];
}): Promise<void> {
  const { store, baseDomain } = options;
  const vault = createVaultKv({
    address: options.sandboxEnv.VAULT_ADDR,
    token: options.sandboxEnv.VAULT_TOKEN,
    mount: 'secret',
    timeoutMs: 5_000,
  });
  for (const seed of options.organizations) {
    const [existing] = await store.db
      .select()
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, seed.slug));
    const org =
      existing ??
      (await createOrganization(
        { store, actor: SEED_ACTOR, baseDomain },
        { displayName: seed.displayName, slug: seed.slug },
      ));
    const registered = await findOrgIdentityProvider(store, org.id);
    if (registered?.issuer === seed.issuer && registered.clientId === seed.clientId) continue;
    await registerOrgIdentityProvider(
      // The sandbox identity provider serves plain http on loopback.
      { store, vault, actor: SEED_ACTOR, org, issuerPolicy: { allowLoopback: true } },
      { issuer: seed.issuer, clientId: seed.clientId, clientSecret: seed.clientSecret },
    );
  }
}
