// The collector's step in the reconciler loop, on the store alone: the queue is refreshed on the
// first pass of a leader, then not again until the interval has passed — unless a decision is due,
// which is always re-planned before it is executed.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createGcLoopStep } from '@/server/gc/gc-loop-step';
import type { GcPassReport } from '@/server/gc/run-gc-pass';
import { whileHoldingLease } from '@/server/provisioning/leader-lease';
import { openSqliteTestStore, type TestStore } from '../../support/stores';

const MINUTE = 60_000;
const t0 = new Date('2026-12-10T08:00:00Z');
const after = (ms: number) => new Date(t0.getTime() + ms);

describe('the collector step of the reconciler loop', () => {
  let store: TestStore;
  let orgId: string;
  const passes: GcPassReport[] = [];
  const step = createGcLoopStep({ refreshEveryMs: MINUTE, onPass: (p) => passes.push(p) });
  const replica = `test-${randomUUID()}`;
  const run = (now: Date) =>
    whileHoldingLease(store, 'reconciler', replica, 15_000, (lease) =>
      step.run(store, SYSTEM_ACTOR, { lease, now }),
    );
  const decisions = () =>
    store.db.select().from(store.t.gcDecisions).where(eq(store.t.gcDecisions.orgId, orgId));

  beforeAll(async () => {
    store = await openSqliteTestStore();
    orgId = randomUUID();
    const { organizations, hostedZones, settings } = store.t;
    await store.db.insert(organizations).values({
      id: orgId,
      slug: 'idle',
      displayName: 'idle',
      status: 'ready',
      createdAt: new Date('2026-11-01T00:00:00Z'),
    });
    await store.db.insert(hostedZones).values({
      id: randomUUID(),
      orgId,
      generation: 1,
      name: 'idle.zonekeeper.test',
      callerReference: `zk-${orgId}-g1`,
      awsZoneId: 'ZIDLE',
      awsCreatedAt: t0,
      status: 'ready',
    });
    await store.db
      .insert(settings)
      .values({ key: 'gc', value: { gracePeriodMs: 0, mode: 'manual' } });
  });
  afterAll(async () => {
    await store?.destroy();
  });

  it('refreshes on its first pass: the idle young zone is proposed for deletion', async () => {
    await run(after(MINUTE));
    expect(passes.at(-1)!.queue).toEqual([{ org: 'idle', zoneId: 'ZIDLE', change: 'proposed' }]);
    expect((await decisions()).map((d) => d.status)).toEqual(['proposed']);
  });

  it('does not plan again inside the interval, and does once it has passed', async () => {
    // Pinned behind the queue's back: only a refresh would see it.
    const o = store.t.organizations;
    await store.db.update(o).set({ gcPinned: true }).where(eq(o.id, orgId));
    const before = passes.length;
    await run(after(MINUTE + 30_000));
    expect(passes).toHaveLength(before);
    expect((await decisions()).map((d) => d.status)).toEqual(['proposed']);
    await run(after(2 * MINUTE + 1));
    expect(passes.at(-1)!.queue).toEqual([{ org: 'idle', zoneId: 'ZIDLE', change: 'cancelled' }]);
    expect((await decisions()).map((d) => d.status)).toEqual(['cancelled']);
  });

  it('re-plans at once when a decision is due, before anything is executed', async () => {
    const o = store.t.organizations;
    await store.db.update(o).set({ gcPinned: false }).where(eq(o.id, orgId));
    await run(after(4 * MINUTE));
    const [proposed] = (await decisions()).filter((d) => d.status === 'proposed');
    // Approved, then pinned again behind the queue's back, inside the interval.
    const d = store.t.gcDecisions;
    await store.db
      .update(d)
      .set({ status: 'approved', scheduledFor: after(4 * MINUTE) })
      .where(eq(d.id, proposed!.id));
    await store.db.update(o).set({ gcPinned: true }).where(eq(o.id, orgId));
    await run(after(4 * MINUTE + 10_000));
    expect(passes.at(-1)!.collections).toEqual([]);
    const [row] = await store.db.select().from(d).where(eq(d.id, proposed!.id));
    expect(row!.status).toBe('cancelled');
  });
});
