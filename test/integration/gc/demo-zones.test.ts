// The demo zones `npm start` seeds, against the sandbox: real zones made by the reconciler whose
// recorded creation times show every case at once — initech inside its free window, umbrella
// charged this month and planned for the window before the next 1st, hooli pinned — as the CLI
// (and the pages, which read the same store) report them. Seeding again changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { seedDemoZones } from '@/scripts/demo/seed-demo-zones';
import { runZk } from '../../support/zk-cli';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';

describe('the demo zones of npm start', () => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;
  const now = new Date();
  const databaseUrl = () => `file:${path.join(dir, 'zk.sqlite')}`;
  const seed = () =>
    seedDemoZones({
      store,
      sandboxEnv: sandbox.env,
      databaseUrl: databaseUrl(),
      baseDomain: BASE_DOMAIN,
      now,
    });

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-demo-zones-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    await seed();
  });
  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const zk = async (args: string[]) => {
    const run = await runZk(
      { ...process.env, ...sandbox.env, DATABASE_URL: databaseUrl(), ZK_BASE_DOMAIN: BASE_DOMAIN },
      [...args, '--json'],
    );
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as unknown;
  };

  it('shows a zone inside its free window, one charged and planned for the month end, one pinned', async () => {
    const cost = (await zk(['cost'])) as {
      zones: { org: string; freeUntil: string | null; chargedThisMonth: boolean }[];
    };
    const zoneOf = (org: string) => cost.zones.find((z) => z.org === org)!;
    expect(Date.parse(zoneOf('initech').freeUntil!)).toBeGreaterThan(now.getTime());
    expect(zoneOf('umbrella').chargedThisMonth).toBe(true);
    expect(zoneOf('hooli').chargedThisMonth).toBe(true);

    const plan = (await zk(['gc', 'plan'])) as {
      org: string;
      action: string;
      at: string | null;
      reason: string;
    }[];
    const decisionOf = (org: string) => plan.find((d) => d.org === org)!;
    expect(decisionOf('initech')).toMatchObject({ action: 'keep' });
    expect(decisionOf('initech').reason).toContain('a new organization has a grace period');
    expect(decisionOf('umbrella').action).toBe('schedule');
    const nextFirst = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(Date.parse(decisionOf('umbrella').at!)).toBeLessThan(nextFirst);
    expect(decisionOf('hooli')).toMatchObject({ action: 'keep' });
    expect(decisionOf('hooli').reason).toContain('pinned');
  });

  it('leaves everything as it is when seeded again', async () => {
    const before = await store.db.select().from(store.t.hostedZones);
    await seed();
    expect(await store.db.select().from(store.t.hostedZones)).toEqual(before);
  });
});
