// Org A's CA for the isolation matrix: made as the reconciler makes it (key in the sandbox Vault,
// certificate in the store), so the CA download has something to answer and "renew now" issues
// for real; the Vault values (the CA key among them) are then what the leak checks look for.
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { createVaultKv } from '@/server/cloud/vault';
import { ensureOrgAuthority } from '@/server/tls/ensure-org-authority';

export async function seedOrgAuthority(
  store: Store,
  sandbox: Sandbox,
  org: Organization,
): Promise<void> {
  await ensureOrgAuthority(
    {
      store,
      vault: createVaultKv({
        address: sandbox.env.VAULT_ADDR,
        token: sandbox.env.VAULT_TOKEN,
        mount: 'secret',
        timeoutMs: 5000,
      }),
      actor: { type: 'cli', label: 'cli:isolation-test' },
      baseDomain: 'zonekeeper.test',
    },
    org,
    { now: new Date() },
  );
}
