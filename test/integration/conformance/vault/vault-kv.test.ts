// KV version 2 through node-vault: versions, check-and-set, metadata, soft and full deletes,
// and listing folders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startVaultTarget,
  uniqueFolder,
  vaultClient,
  vaultFailure,
  type VaultTarget,
} from './vault-target';

describe('Vault KV v2', () => {
  let target: VaultTarget;
  let vault: ReturnType<typeof vaultClient>;
  const folder = uniqueFolder();
  let data: (path: string) => string;
  let metadata: (path: string) => string;

  beforeAll(async () => {
    target = await startVaultTarget();
    vault = vaultClient(target);
    data = (path) => `${target.mount}/data/${folder}/${path}`;
    metadata = (path) => `${target.mount}/metadata/${folder}/${path}`;
  });
  afterAll(async () => {
    for (const key of ['versions', 'cas', 'deleted', 'orgs/acme/route53', 'orgs/globex/route53']) {
      await vault.delete(metadata(key));
    }
    await target.close();
  });

  it('writes versions and reads the latest or a given one', async () => {
    const first = await vault.write(data('versions'), { data: { AWS_REGION: 'us-east-1' } });
    expect(first.data).toMatchObject({ version: 1, destroyed: false, deletion_time: '' });
    const second = await vault.write(data('versions'), { data: { AWS_REGION: 'eu-west-1' } });
    expect(second.data.version).toBe(2);

    const latest = await vault.read(data('versions'));
    expect(latest.data.data).toEqual({ AWS_REGION: 'eu-west-1' });
    expect(latest.data.metadata.version).toBe(2);
    expect(latest).toHaveProperty('request_id');
    expect(latest).toMatchObject({ lease_id: '', wrap_info: null, auth: null });

    const older = await vault.read(`${data('versions')}?version=1`);
    expect(older.data.data).toEqual({ AWS_REGION: 'us-east-1' });
  });

  it('rejects a write whose check-and-set version does not match (400)', async () => {
    await vault.write(data('cas'), { data: { v: 'a' }, options: { cas: 0 } });
    const failure = await vaultFailure(
      vault.write(data('cas'), { data: { v: 'b' }, options: { cas: 0 } }),
    );
    expect(failure.status).toBe(400);
    expect(failure.errors.join()).toContain('check-and-set parameter did not match');

    const accepted = await vault.write(data('cas'), { data: { v: 'b' }, options: { cas: 1 } });
    expect(accepted.data.version).toBe(2);
  });

  it('describes versions in metadata', async () => {
    const described = await vault.read(metadata('versions'));
    expect(described.data.current_version).toBe(2);
    expect(Object.keys(described.data.versions).sort()).toEqual(['1', '2']);
  });

  it('soft-deletes the latest version, then deletes every version with the metadata', async () => {
    await vault.write(data('deleted'), { data: { v: 1 } });
    await vault.delete(data('deleted'));
    expect((await vaultFailure(vault.read(data('deleted')))).status).toBe(404);
    const described = await vault.read(metadata('deleted'));
    expect(described.data.versions['1'].deletion_time).not.toBe('');

    await vault.delete(metadata('deleted'));
    expect((await vaultFailure(vault.read(metadata('deleted')))).status).toBe(404);
  });

  it('lists the keys and sub-folders under a folder, 404 when there are none', async () => {
    await vault.write(data('orgs/acme/route53'), { data: { k: 'a' } });
    await vault.write(data('orgs/globex/route53'), { data: { k: 'g' } });
    const orgs = await vault.list(metadata('orgs'));
    expect(orgs.data.keys).toEqual(['acme/', 'globex/']);
    const acme = await vault.list(metadata('orgs/acme'));
    expect(acme.data.keys).toEqual(['route53']);
    expect((await vaultFailure(vault.list(metadata('orgs/initech')))).status).toBe(404);
  });

  it('reports a missing secret as 404', async () => {
    expect((await vaultFailure(vault.read(data('never-written')))).status).toBe(404);
  });

  it('refuses a write without data (400)', async () => {
    expect((await vaultFailure(vault.write(data('empty'), { options: {} }))).status).toBe(400);
  });
});
