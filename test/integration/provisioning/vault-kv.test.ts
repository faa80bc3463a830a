// The Vault KV v2 adapter against the sandbox Vault over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { DomainError } from '@/server/errors/domain-error';

describe('Vault KV v2 adapter', () => {
  let sandbox: Sandbox;
  let kv: VaultKv;
  beforeAll(async () => {
    sandbox = await startSandbox();
    kv = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5_000,
    });
  });
  afterAll(() => sandbox?.close());

  it('reads null for a secret that does not exist', async () => {
    await expect(kv.readSecret('zonekeeper/test/absent')).resolves.toBeNull();
  });

  it('writes versions and reads back the current one', async () => {
    expect(await kv.writeSecret('zonekeeper/test/a', { K: 'one' })).toEqual({ version: 1 });
    expect(await kv.writeSecret('zonekeeper/test/a', { K: 'two' }, { cas: 1 })).toEqual({
      version: 2,
    });
    expect(await kv.readSecret('zonekeeper/test/a')).toEqual({ data: { K: 'two' }, version: 2 });
  });

  it('refuses a check-and-set write against a stale version, changing nothing', async () => {
    await kv.writeSecret('zonekeeper/test/cas', { K: 'one' });
    await expect(kv.writeSecret('zonekeeper/test/cas', { K: 'x' }, { cas: 0 })).rejects.toThrow(
      DomainError,
    );
    expect(await kv.readSecret('zonekeeper/test/cas')).toEqual({ data: { K: 'one' }, version: 1 });
  });

  it('deletes a secret with all its versions, and deleting again is fine', async () => {
    await kv.writeSecret('zonekeeper/test/gone', { K: 'one' });
    await kv.deleteSecret('zonekeeper/test/gone');
    await kv.deleteSecret('zonekeeper/test/gone');
    await expect(kv.readSecret('zonekeeper/test/gone')).resolves.toBeNull();
  });

  it('refuses a path that climbs out of the mount', async () => {
    await expect(kv.readSecret('../sys/policy')).rejects.toThrow(/not a valid Vault secret path/);
  });
});
