// `zk cost` as an operator runs it, in a child process on a store holding zones at billing edges:
// the JSON shape scripts rely on, the prices, "what if it were then", and refused input.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import { runZk } from '../../support/zk-cli';

describe('zk cost', () => {
  let store: Store;
  let dir: string;
  const zk = (args: string[]) =>
    runZk(
      {
        ...process.env,
        DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
        ZK_BASE_DOMAIN: 'zonekeeper.test',
        ZK_CRASH_AT: '',
      },
      args,
    );

  const zone = async (
    slug: string,
    awsZoneId: string,
    created: string,
    deleted: string | null = null,
  ) => {
    const t = store.t;
    let [org] = await store.db.select().from(t.organizations).where(eq(t.organizations.slug, slug));
    if (!org) {
      [org] = await store.db
        .insert(t.organizations)
        .values({ id: randomUUID(), slug, displayName: slug, status: 'ready' })
        .returning();
    }
    await store.db.insert(t.hostedZones).values({
      id: randomUUID(),
      orgId: org!.id,
      generation: 1,
      name: `${slug}.zonekeeper.test`,
      callerReference: `ref-${awsZoneId}`,
      awsZoneId,
      awsCreatedAt: new Date(created),
      status: deleted ? 'deleted' : 'ready',
      deletedAt: deleted ? new Date(deleted) : null,
    });
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-cost-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    await zone('acme', 'ZACME', '2026-11-01T00:00:00Z');
    await zone('globex', 'ZGLOBEX', '2026-12-15T02:00:00Z');
    await zone('initech', 'ZINITECH', '2026-12-02T00:00:00Z', '2026-12-10T00:00:00Z');
    await zone('initech', 'ZOLD', '2026-10-01T00:00:00Z', '2026-11-20T00:00:00Z');
  });
  afterAll(async () => {
    await store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints every zone of this month with its charges, in exactly the documented shape', async () => {
    const run = await zk(['cost', '--at', '2026-12-15T10:00:00Z', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['zones', 'thisMonthUsd', 'projectedNextMonthUsd']);
    expect(report.zones).toEqual([
      {
        org: 'acme',
        zoneId: 'ZACME',
        createdAt: '2026-11-01T00:00:00.000Z',
        freeUntil: '2026-11-01T12:00:00.000Z',
        chargedThisMonth: true,
        thisMonthUsd: 0.5,
        nextChargeAt: '2027-01-01T00:00:00.000Z',
        nextChargeUsd: 0.5,
      },
      {
        org: 'globex',
        zoneId: 'ZGLOBEX',
        createdAt: '2026-12-15T02:00:00.000Z',
        freeUntil: '2026-12-15T14:00:00.000Z',
        chargedThisMonth: true,
        thisMonthUsd: 0.5,
        nextChargeAt: '2027-01-01T00:00:00.000Z',
        nextChargeUsd: 0.5,
      },
      {
        // Deleted this month after its free window: charged, and no next charge.
        org: 'initech',
        zoneId: 'ZINITECH',
        createdAt: '2026-12-02T00:00:00.000Z',
        freeUntil: '2026-12-02T12:00:00.000Z',
        chargedThisMonth: true,
        thisMonthUsd: 0.5,
        nextChargeAt: null,
        nextChargeUsd: 0,
      },
    ]);
    expect(report.thisMonthUsd).toBe(1.5);
    expect(report.projectedNextMonthUsd).toBe(1);
  });

  it('answers for one org, and as if it were an earlier time, without changing anything', async () => {
    const acme = JSON.parse((await zk(['cost', '--org', 'acme', '--json'])).stdout);
    expect(acme.zones.map((z: { zoneId: string }) => z.zoneId)).toEqual(['ZACME']);
    const earlier = await zk(['cost', '--at', '2026-12-05T00:00:00Z', '--json']);
    const report = JSON.parse(earlier.stdout);
    // globex's zone did not exist yet; initech's was not deleted yet.
    expect(report.zones.map((z: { zoneId: string }) => z.zoneId)).toEqual(['ZACME', 'ZINITECH']);
    expect(report.zones[1].nextChargeUsd).toBe(0.5);
    expect(report.projectedNextMonthUsd).toBe(1);
    const human = await zk(['cost', '--at', '2026-12-15T10:00:00Z']);
    expect(human.stdout).toContain('This month: $1.50; next month projected: $1.00');
  });

  it('refuses a malformed --at with what to write instead (exit 2), and an unknown org (exit 3)', async () => {
    const bad = await zk(['cost', '--at', '2026-12-31 23:00']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at "2026-12-31 23:00" is not an ISO time');
    expect(bad.stderr).toContain('2026-12-31T23:00:00Z');
    const local = await zk(['cost', '--at', '2026-12-31T23:00:00']);
    expect(local.code).toBe(2);
    const missing = await zk(['cost', '--org', 'nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('No organization has the slug "nope"');
  });
});
