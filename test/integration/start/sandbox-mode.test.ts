// `npm start`'s sandbox: demo organizations and people only in the sandbox's own store, never in
// a store the person configured. Starts the real sandbox services (on free ports) in a temp dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '@/db/open-store';
import { startSandboxMode, type SandboxMode } from '@/scripts/sandbox-mode';

describe('sandbox mode', () => {
  let sandbox: SandboxMode | undefined;
  let dataDir = '';
  const start = async (ownStore: boolean) => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-sandbox-mode-'));
    sandbox = await startSandboxMode({
      appUrl: 'http://localhost:3999',
      baseDomain: 'zonekeeper.test',
      ownStore,
      dataDir,
      identityProviderPort: 0,
    });
    return sandbox;
  };
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds acme and globex into its own store under data/sandbox and lists their people', async () => {
    const { env, summary } = await start(true);
    const file = path.join(dataDir, 'sandbox', 'zonekeeper.sqlite');
    expect(env.DATABASE_URL).toBe(`file:${file}`);
    expect(JSON.parse(env.ZK_SIGN_IN_DEMO_PEOPLE!)).toContainEqual(
      expect.objectContaining({ name: 'Ada Admin', org: 'acme', loginHint: 'ada' }),
    );
    const store = await openStore({ dialect: 'sqlite', file });
    try {
      const orgs = await store.db.select().from(store.t.organizations);
      expect(orgs.map((o) => o.slug).sort()).toEqual([
        'acme',
        'globex',
        'hooli',
        'initech',
        'umbrella',
      ]);
      // The demo clusters, each connected to its sandbox cluster (kubeconfig in Vault only).
      const clusters = await store.db.select().from(store.t.clusters);
      const slugOf = (orgId: string) => orgs.find((o) => o.id === orgId)!.slug;
      expect(clusters.map((c) => `${slugOf(c.orgId)}/${c.name}`).sort()).toEqual([
        'acme/prod',
        'acme/staging',
        'globex/prod',
      ]);
      expect(clusters.every((c) => c.connectionKind === 'kubeconfig')).toBe(true);
      expect(clusters.every((c) => c.kubeconfigVaultPath?.endsWith('/kubeconfig'))).toBe(true);
    } finally {
      await store.close();
    }
    expect(summary).toContain('demo organizations acme and globex');
    expect(summary).toContain('acme/prod, acme/staging, globex/prod registered');
    expect(summary).toContain('demo zones initech, umbrella, hooli');
    for (const name of ['ACME_PROD', 'ACME_STAGING', 'GLOBEX_PROD']) {
      const file = new RegExp(`KUBECONFIG_${name}=(\\S+)`).exec(summary)?.[1];
      expect(file && fs.existsSync(file), `KUBECONFIG_${name} names its file`).toBe(true);
    }
  });

  it('registers the demo clusters once: a second start leaves them as they are', async () => {
    await start(true);
    const file = path.join(dataDir, 'sandbox', 'zonekeeper.sqlite');
    const read = async () => {
      const store = await openStore({ dialect: 'sqlite', file });
      try {
        return (await store.db.select().from(store.t.clusters)).map((c) => c.uid).sort();
      } finally {
        await store.close();
      }
    };
    const first = await read();
    await sandbox!.close();
    sandbox = await startSandboxMode({
      appUrl: 'http://localhost:3999',
      baseDomain: 'zonekeeper.test',
      ownStore: true,
      dataDir,
      identityProviderPort: 0,
    });
    expect(first).toHaveLength(3);
    expect(await read()).toEqual(first);
  });

  it('adds no demo organizations or people when the person set their own store', async () => {
    const { env, summary } = await start(false);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ZK_SIGN_IN_DEMO_PEOPLE).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'sandbox', 'zonekeeper.sqlite'))).toBe(false);
    expect(summary).toContain('no demo organizations or people are added to it');
  });
});
