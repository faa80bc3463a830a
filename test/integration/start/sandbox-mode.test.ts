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
      const slugs = (await store.db.select().from(store.t.organizations)).map((o) => o.slug);
      expect(slugs.sort()).toEqual(['acme', 'globex', 'hooli', 'initech', 'umbrella']);
    } finally {
      await store.close();
    }
    expect(summary).toContain('demo organizations acme and globex');
    expect(summary).toContain('demo zones initech, umbrella, hooli');
  });

  it('adds no demo organizations or people when the person set their own store', async () => {
    const { env, summary } = await start(false);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ZK_SIGN_IN_DEMO_PEOPLE).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'sandbox', 'zonekeeper.sqlite'))).toBe(false);
    expect(summary).toContain('no demo organizations or people are added to it');
  });
});
