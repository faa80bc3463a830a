// `npm run zk` on the sandbox as it comes: with nothing configured the CLI finds the running
// sandbox (and its store) through the connection file the sandbox left in its state directory,
// and says so; a real setting makes it ignore the file. --help exits 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@/db/open-store';
import { writeConnectionFile } from '@/sandbox/connection-file';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createOrganization } from '@/server/orgs/create-organization';
import { runZk } from '../../support/zk-cli';

const BASE_DOMAIN = 'zonekeeper.test';

/** The environment of a person who configured nothing. */
function unconfigured(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(AWS_|VAULT_|DATABASE_URL$|ZK_|AUTH_)/.test(name),
    ),
  );
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

/** `npm run zk -- <args>`, as package.json starts it. */
const zk = (env: NodeJS.ProcessEnv, args: string[]) => runZk(env, args, 'scripts/zk.ts');

describe('npm run zk with nothing configured', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({
      keyActivationDelayMs: 300,
      pendingMs: 200,
      baseDomain: BASE_DOMAIN,
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-sandbox-dir-'));
    const databaseUrl = `file:${path.join(dir, 'zonekeeper.sqlite')}`;
    const store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zonekeeper.sqlite') });
    await createOrganization(
      { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
      { displayName: 'Acme', slug: 'acme' },
    );
    await store.close();
    writeConnectionFile(dir, { ...sandbox.env, DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('plans and reconciles against the running sandbox, and says that it does', async () => {
    const env = unconfigured({ ZK_SANDBOX_DIR: dir, ZK_KEY_VERIFY_TIMEOUT_MS: '10000' });
    const plan = await zk(env, ['plan']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toMatch(/^zk: sandbox mode — nothing is configured/);
    expect(plan.stdout).toMatch(/acme \(pending, desired present\)/);
    expect(plan.stdout).toMatch(/create hosted zone acme\.zonekeeper\.test/);

    const reconcile = await zk(env, ['reconcile']);
    expect(reconcile.code, reconcile.stderr).toBe(0);
    expect(reconcile.stdout).toMatch(/^acme: ready$/m);
    const status = await zk(env, ['status']);
    expect(status.code, status.stderr).toBe(0);
    // Only our own line: no runtime notice a person can do nothing about.
    expect(status.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('ignores the sandbox once a real setting is present', async () => {
    const own = path.join(dir, 'own.sqlite');
    const run = await zk(
      unconfigured({ ZK_SANDBOX_DIR: dir, AWS_PROFILE: 'production', DATABASE_URL: `file:${own}` }),
      ['status'],
    );
    expect(run.stderr).not.toMatch(/sandbox mode/);
    expect(run.stdout).not.toMatch(/acme/);
  });

  it('answers --help with the usage and exit 0', async () => {
    const help = await zk(unconfigured(), ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run zk -- <command>/);
  });
});
