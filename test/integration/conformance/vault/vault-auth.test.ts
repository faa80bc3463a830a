// Vault tokens and ACL policies through node-vault: a token scoped to one org's path reads and
// writes there and nowhere else; missing or unknown tokens are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startVaultTarget,
  uniqueFolder,
  vaultClient,
  vaultFailure,
  type VaultTarget,
} from './vault-target';

const PERMISSION_DENIED = /permission denied/;

describe('Vault tokens and policies', () => {
  let target: VaultTarget;
  let root: ReturnType<typeof vaultClient>;
  const folder = uniqueFolder();
  const policyName = `zk-acme-${Math.random().toString(36).slice(2, 8)}`;
  let acmeToken: string;
  let secretPath: (org: string) => string;

  beforeAll(async () => {
    target = await startVaultTarget();
    root = vaultClient(target);
    secretPath = (org) => `${target.mount}/data/${folder}/orgs/${org}/route53`;
    await root.write(secretPath('globex'), { data: { AWS_ACCESS_KEY_ID: 'globex-key' } });

    const hcl = [
      `# Only the acme org's secrets.`,
      `path "${target.mount}/data/${folder}/orgs/acme/*" {`,
      `  capabilities = ["read", "create", "update", "delete", "list"]`,
      `}`,
    ].join('\n');
    await root.write(`sys/policies/acl/${policyName}`, { policy: hcl });
    // A separate client: node-vault's tokenCreate replaces the calling client's own token.
    const created = await vaultClient(target).tokenCreate({ policies: [policyName] });
    acmeToken = created.auth.client_token;
  });
  afterAll(async () => {
    await root.delete(`${target.mount}/metadata/${folder}/orgs/acme/route53`);
    await root.delete(`${target.mount}/metadata/${folder}/orgs/globex/route53`);
    await root.delete(`sys/policies/acl/${policyName}`);
    await target.close();
  });

  it('answers health without a token', async () => {
    const health = await vaultClient(target, '').health();
    expect(health).toMatchObject({ initialized: true, sealed: false });
  });

  it('refuses a request without a token (403)', async () => {
    const failure = await vaultFailure(vaultClient(target, '').read(secretPath('globex')));
    expect(failure.status).toBe(403);
    expect(failure.errors.join()).toMatch(PERMISSION_DENIED);
  });

  it('refuses an unknown token (403)', async () => {
    const failure = await vaultFailure(
      vaultClient(target, 'hvs.not-a-token').read(secretPath('globex')),
    );
    expect(failure.status).toBe(403);
    expect(failure.errors.join()).toMatch(PERMISSION_DENIED);
  });

  it('reads back the policy it stored', async () => {
    const stored = await root.read(`sys/policies/acl/${policyName}`);
    expect(stored.data.name).toBe(policyName);
    expect(stored.data.policy).toContain(`/orgs/acme/*`);
  });

  it("lets a token scoped to acme write and read acme's secret", async () => {
    const acme = vaultClient(target, acmeToken);
    await acme.write(secretPath('acme'), { data: { AWS_ACCESS_KEY_ID: 'acme-key' } });
    const read = await acme.read(secretPath('acme'));
    expect(read.data.data).toEqual({ AWS_ACCESS_KEY_ID: 'acme-key' });
  });

  it("refuses the acme token globex's secret, for reading and writing (403)", async () => {
    const acme = vaultClient(target, acmeToken);
    const read = await vaultFailure(acme.read(secretPath('globex')));
    expect(read.status).toBe(403);
    expect(read.errors.join()).toMatch(PERMISSION_DENIED);
    const write = await vaultFailure(acme.write(secretPath('globex'), { data: { x: 'y' } }));
    expect(write.status).toBe(403);
    const stillThere = await root.read(secretPath('globex'));
    expect(stillThere.data.data).toEqual({ AWS_ACCESS_KEY_ID: 'globex-key' });
  });

  it('refuses the acme token the policy endpoints and wider tokens (403)', async () => {
    const acme = vaultClient(target, acmeToken);
    const policy = await vaultFailure(
      acme.write(`sys/policies/acl/${policyName}`, {
        policy: 'path "*" { capabilities = ["sudo"] }',
      }),
    );
    expect(policy.status).toBe(403);
    const token = await vaultFailure(acme.tokenCreate({ policies: ['root'] }));
    expect(token.status).toBe(403);
  });

  it('looks up its own token with its policies', async () => {
    const self = await vaultClient(target, acmeToken).tokenLookupSelf();
    expect(self.data.id).toBe(acmeToken);
    expect(self.data.policies).toEqual(expect.arrayContaining([policyName, 'default']));
  });

  it('accepts a policy in its JSON form through the legacy sys/policy endpoint', async () => {
    const jsonPolicyName = `${policyName}-json`;
    const rules = JSON.stringify({
      path: { [`${target.mount}/data/${folder}/orgs/globex/*`]: { capabilities: ['read'] } },
    });
    await root.addPolicy({ name: jsonPolicyName, rules });
    const created = await vaultClient(target).tokenCreate({ policies: [jsonPolicyName] });
    const globex = vaultClient(target, created.auth.client_token);

    const read = await globex.read(secretPath('globex'));
    expect(read.data.data).toEqual({ AWS_ACCESS_KEY_ID: 'globex-key' });
    expect((await vaultFailure(globex.write(secretPath('globex'), { data: {} }))).status).toBe(403);
    await root.removePolicy({ name: jsonPolicyName });
  });
});
