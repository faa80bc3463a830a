import { describe, expect, it } from 'vitest';
import { createKvStore } from '@/sandbox/vault/vault-kv';
import { createVaultState } from '@/sandbox/vault/vault-state';

describe('KV v2 store', () => {
  it('keeps the last 10 versions, as Vault does by default', () => {
    const kv = createKvStore();
    for (let i = 1; i <= 12; i++) kv.put('a', { i }, undefined);
    const secret = kv.get('a')!;
    expect(secret.currentVersion).toBe(12);
    expect(secret.oldestVersion).toBe(3);
    expect(Object.keys(secret.versions)).toHaveLength(10);
  });

  it('checks and sets: 0 means "only if absent"', () => {
    const kv = createKvStore();
    kv.put('a', { v: 1 }, 0);
    expect(() => kv.put('a', { v: 2 }, 0)).toThrow(/check-and-set/);
    expect(kv.put('a', { v: 2 }, 1).version).toBe(2);
  });
});

describe('Vault state', () => {
  it('scopes child tokens to their policies, and keeps root almighty', () => {
    const vault = createVaultState({ rootToken: 'root' });
    vault.putPolicy('Acme', 'path "secret/data/orgs/acme/*" { capabilities = ["read"] }');
    const root = vault.lookupToken('root')!;
    const acme = vault.createToken(root, { policies: ['acme'] });
    expect(acme.policies).toEqual(['acme', 'default']);
    expect(vault.can(acme, 'secret/data/orgs/acme/route53', 'read')).toBe(true);
    expect(vault.can(acme, 'secret/data/orgs/globex/route53', 'read')).toBe(false);
    expect(vault.can(acme, 'auth/token/lookup-self', 'read')).toBe(true);
    expect(vault.can(root, 'anything/at/all', 'sudo')).toBe(true);
    expect(() => vault.createToken(acme, { policies: ['root'] })).toThrow(/subset/);
  });

  it('protects the root and default policies', () => {
    const vault = createVaultState({ rootToken: 'root' });
    expect(() => vault.putPolicy('root', 'path "a" { capabilities = ["read"] }')).toThrow();
    expect(() => vault.deletePolicy('default')).toThrow();
  });

  it('restores secrets, policies and tokens from a JSON snapshot, but not the root token', () => {
    const vault = createVaultState({ rootToken: 'root', mount: 'kv' });
    vault.putPolicy('acme', 'path "kv/data/acme/*" { capabilities = ["read"] }');
    vault.kv.put('acme/route53', { AWS_REGION: 'us-east-1' }, undefined);
    const token = vault.createToken(vault.lookupToken('root')!, { policies: ['acme'] });

    const snapshot = JSON.parse(JSON.stringify(vault.snapshot()));
    expect(JSON.stringify(snapshot)).not.toContain('"root"');
    const restored = createVaultState({ rootToken: 'new-root', mount: 'kv', snapshot });
    expect(restored.kv.get('acme/route53')?.versions['1']?.data).toEqual({
      AWS_REGION: 'us-east-1',
    });
    expect(restored.can(restored.lookupToken(token.id)!, 'kv/data/acme/route53', 'read')).toBe(
      true,
    );
    expect(restored.lookupToken('root')).toBeUndefined();
    expect(() => createVaultState({ rootToken: 'r', mount: 'secret', snapshot })).toThrow(/mount/);
  });
});
