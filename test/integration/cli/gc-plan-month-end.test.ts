// The month-end decision table: a dozen orgs whose zones sit at the billing edges, seeded into a
// store, and `zk gc plan --at 2026-12-31T23:00:00Z` as an operator runs it. The table is printed
// so that it can be read (and pasted) from the test's output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import { runZk } from '../../support/zk-cli';
import { MONTH_END_CASES } from '../../unit/gc/month-end-scenario';

describe('zk gc plan at 23:00 UTC on the last day of a month', () => {
  let store: Store;
  let dir: string;
  const zk = (args: string[]) =>
    runZk(
      {
        ...process.env,
        DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
        ZK_BASE_DOMAIN: 'zonekeeper.test',
        // The scenario's budget: teardown at 2 requests/s, so the window is minutes long.
        ZK_ROUTE53_REQUESTS_PER_SECOND: '2',
        ZK_GC_GRACE_PERIOD_MS: String(24 * 3_600_000),
        ZK_GC_SAFETY_MARGIN_MS: String(30 * 60_000),
        ZK_GC_MODE: 'manual',
        ZK_CRASH_AT: '',
      },
      args,
    );

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-month-end-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    const { organizations, hostedZones, clusters, gcDecisions } = store.t;
    for (const c of MONTH_END_CASES) {
      const orgId = randomUUID();
      await store.db.insert(organizations).values({
        id: orgId,
        slug: c.slug,
        displayName: c.slug,
        status: 'ready',
        generation: c.previousZone ? 2 : 1,
        gcPinned: c.pinned ?? false,
        createdAt: c.orgCreated ?? new Date('2026-01-01T00:00:00Z'),
      });
      if (c.previousZone) {
        await store.db.insert(hostedZones).values({
          id: randomUUID(),
          orgId,
          generation: 1,
          name: `${c.slug}.zonekeeper.test`,
          callerReference: `zk-${orgId}-g1`,
          awsZoneId: `Z-${c.slug}-old`,
          awsCreatedAt: c.previousZone.created,
          deletedAt: c.previousZone.deleted,
          recordCount: c.records ?? 40,
          status: 'deleted',
        });
      }
      const generation = c.previousZone ? 2 : 1;
      const zoneRowId = randomUUID();
      await store.db.insert(hostedZones).values({
        id: zoneRowId,
        orgId,
        generation,
        name: `${c.slug}.zonekeeper.test`,
        callerReference: `zk-${orgId}-g${generation}`,
        awsZoneId: `Z-${c.slug}`,
        awsCreatedAt: c.zoneCreated,
        recordCount: c.records ?? 40,
        status: 'ready',
      });
      if (c.cluster) {
        const stoppedAt = c.cluster.stoppedAt;
        await store.db.insert(clusters).values({
          id: randomUUID(),
          orgId,
          name: `${c.slug}-prod`,
          uid: `uid-${randomUUID()}`,
          status: c.cluster.status,
          createdAt: c.cluster.createdAt ?? new Date('2026-01-02T00:00:00Z'),
          // The store's stand-in for "stopped at" (see server/gc/load-gc-input.ts).
          updatedAt: stoppedAt ?? new Date('2026-01-02T00:00:00Z'),
          deletedAt: c.cluster.status === 'deleted' ? (stoppedAt ?? null) : null,
        });
      }
      if (c.scheduledBefore) {
        await store.db.insert(gcDecisions).values({
          id: randomUUID(),
          orgId,
          hostedZoneId: zoneRowId,
          action: 'schedule',
          status: 'scheduled',
          reason: 'Scheduled while its cluster was stopped.',
          scheduledFor: new Date('2026-12-31T23:20:00Z'),
        });
      }
    }
  });
  afterAll(async () => {
    await store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('decides each org as the rules say, with when and why', async () => {
    const run = await zk(['gc', 'plan', '--at', '2026-12-31T23:00:00Z', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as {
      org: string;
      zoneId: string;
      action: string;
      at: string | null;
      reason: string;
    }[];
    expect(plan).toHaveLength(MONTH_END_CASES.length);
    for (const c of MONTH_END_CASES) {
      expect(plan.find((d) => d.org === c.slug)?.action, c.slug).toBe(c.expected);
    }
    // Every scheduled teardown ends by 23:30 UTC, the safety margin before midnight.
    for (const d of plan.filter((d) => d.action === 'schedule')) {
      expect(Date.parse(d.at!)).toBeGreaterThanOrEqual(Date.parse('2026-12-31T23:00:00Z'));
      expect(Date.parse(d.at!)).toBeLessThan(Date.parse('2026-12-31T23:30:00Z'));
    }
    const table = plan.map(
      (d) => `| ${d.org} | ${d.action} | ${d.at ?? '—'} | ${d.reason.replaceAll('|', '\\|')} |`,
    );
    console.log(
      ['| org | action | at | reason |', '| --- | --- | --- | --- |', ...table].join('\n'),
    );
    // Read-only: the dry run left the queue as it was.
    expect(await store.db.select().from(store.t.gcDecisions)).toHaveLength(1);
  });
});
