// The collector's queue on both stores: the plan written as decisions (proposed in manual mode,
// scheduled in automatic), a stale approval refused, a forced deletion refused for an org in use,
// a pin cancelling what was open, and each change with its audit event.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import { approveGcDecision } from '@/server/gc/approve-gc-decision';
import { cancelGcDecision } from '@/server/gc/cancel-gc-decision';
import { forceGcCollection } from '@/server/gc/force-gc-collection';
import { refreshGcQueue } from '@/server/gc/refresh-gc-queue';
import { setGcPin } from '@/server/gc/set-gc-pin';
import { STORE_KINDS, type TestStore } from '../../support/stores';

const operator: Actor = { type: 'cli', label: 'cli:test' };
const HOUR = 3_600_000;
const t0 = new Date('2026-12-10T08:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`the collector's queue (${kind.name})`, () => {
    let store: TestStore;
    const orgIds: Record<string, string> = {};
    beforeAll(async () => {
      store = await kind.open();
      const { organizations, hostedZones, clusters, settings } = store.t;
      for (const [slug, status] of [
        ['idle', 'stopped'],
        ['busy', 'running'],
      ] as const) {
        const id = randomUUID();
        orgIds[slug] = id;
        await store.db.insert(organizations).values({
          id,
          slug,
          displayName: slug,
          status: 'ready',
          createdAt: new Date('2026-11-01T00:00:00Z'),
        });
        await store.db.insert(hostedZones).values({
          id: randomUUID(),
          orgId: id,
          generation: 1,
          name: `${slug}.zonekeeper.test`,
          callerReference: `zk-${id}-g1`,
          awsZoneId: `Z${slug.toUpperCase()}`,
          awsCreatedAt: t0,
          status: 'ready',
        });
        await store.db.insert(clusters).values({
          id: randomUUID(),
          orgId: id,
          name: 'prod',
          uid: `uid-${randomUUID()}`,
          status,
          createdAt: new Date('2026-11-02T00:00:00Z'),
          updatedAt: new Date('2026-11-03T00:00:00Z'),
        });
      }
      await store.db
        .insert(settings)
        .values({ key: 'gc', value: { gracePeriodMs: HOUR, mode: 'manual' } });
    });
    afterAll(async () => {
      await store?.destroy();
    });

    const decisionsOf = (slug: string) =>
      store.db
        .select()
        .from(store.t.gcDecisions)
        .where(eq(store.t.gcDecisions.orgId, orgIds[slug]!));
    const auditOf = (slug: string, action: string) =>
      store.db
        .select()
        .from(store.t.auditEvents)
        .where(
          and(eq(store.t.auditEvents.orgId, orgIds[slug]!), eq(store.t.auditEvents.action, action)),
        );

    it('proposes deleting the idle young zone in manual mode, once, audited', async () => {
      const changes = await refreshGcQueue(store, operator, at(1));
      expect(changes).toEqual([{ org: 'idle', zoneId: 'ZIDLE', change: 'proposed' }]);
      expect(await refreshGcQueue(store, operator, at(1))).toEqual([]);
      const [decision] = await decisionsOf('idle');
      expect(decision).toMatchObject({ action: 'delete-now', status: 'proposed' });
      expect(await auditOf('idle', 'gc.decision_proposed')).toHaveLength(1);
      expect(await decisionsOf('busy')).toEqual([]);
    });

    it('refuses an approval that has gone stale: the free window closed since', async () => {
      const [seen] = await decisionsOf('idle');
      await expect(
        approveGcDecision(store, operator, { orgSlug: 'idle', decisionId: seen!.id, now: at(12) }),
      ).rejects.toThrow(/gone stale .*the plan now says schedule/);
      expect((await decisionsOf('idle'))[0]!.status).toBe('proposed');
      expect(await auditOf('idle', 'gc.decision_approved')).toEqual([]);
    });

    it('approves the decision as it stands, audited', async () => {
      const [seen] = await decisionsOf('idle');
      const row = await approveGcDecision(store, operator, {
        orgSlug: 'idle',
        decisionId: seen!.id,
        now: at(2),
      });
      expect(row).toMatchObject({ id: seen!.id, status: 'approved', action: 'delete-now' });
      expect(await auditOf('idle', 'gc.decision_approved')).toHaveLength(1);
    });

    it('refuses to force the deletion of an org whose cluster is running, with the reason', async () => {
      await expect(forceGcCollection(store, operator, { orgSlug: 'busy' })).rejects.toThrow(
        'Not forced: Cluster prod of busy is running: its zone is in use.',
      );
      expect(await decisionsOf('busy')).toEqual([]);
      expect(await auditOf('busy', 'gc.forced')).toEqual([]);
    });

    it('cancels open deletions when the org is pinned, and plans none while pinned', async () => {
      expect(await setGcPin(store, operator, { orgSlug: 'idle', pinned: true })).toEqual({
        changed: true,
        cancelled: 1,
      });
      expect((await decisionsOf('idle')).map((d) => d.status)).toEqual(['cancelled']);
      expect(await auditOf('idle', 'gc.pinned')).toHaveLength(1);
      expect(await refreshGcQueue(store, operator, at(2))).toEqual([]);
      await expect(forceGcCollection(store, operator, { orgSlug: 'idle' })).rejects.toThrow(
        /idle is pinned/,
      );
    });

    it('schedules in automatic mode without approval, and moves a closed free window to the month end', async () => {
      await setGcPin(store, operator, { orgSlug: 'idle', pinned: false });
      await store.db
        .update(store.t.settings)
        .set({ value: { gracePeriodMs: HOUR, mode: 'automatic' } })
        .where(eq(store.t.settings.key, 'gc'));
      expect(await refreshGcQueue(store, operator, at(2))).toEqual([
        { org: 'idle', zoneId: 'ZIDLE', change: 'scheduled' },
      ]);
      // Twelve hours on, deleting is no longer free: the month is paid, so it waits for its end.
      expect(await refreshGcQueue(store, operator, at(12))).toEqual([
        { org: 'idle', zoneId: 'ZIDLE', change: 'cancelled' },
        { org: 'idle', zoneId: 'ZIDLE', change: 'scheduled' },
      ]);
      const open = (await decisionsOf('idle')).filter((d) => d.status === 'scheduled');
      expect(open).toHaveLength(1);
      expect(open[0]!.action).toBe('schedule');
      expect(open[0]!.scheduledFor!.toISOString().slice(0, 13)).toBe('2026-12-31T23');
      expect(await cancelGcDecision(store, operator, { orgSlug: 'idle' })).toBe(1);
      await expect(cancelGcDecision(store, operator, { orgSlug: 'idle' })).rejects.toThrow(
        'idle has no open deletion to cancel.',
      );
    });

    it('leaves a zone whose collection is executing to the executor: no second decision', async () => {
      const d = store.t.gcDecisions;
      // The scheduled decision (from the refresh after the cancel) claimed, as a crash leaves it.
      expect(await refreshGcQueue(store, operator, at(13))).toEqual([
        { org: 'idle', zoneId: 'ZIDLE', change: 'scheduled' },
      ]);
      await store.db
        .update(d)
        .set({ status: 'executing' })
        .where(and(eq(d.orgId, orgIds.idle!), eq(d.status, 'scheduled')));
      expect(await refreshGcQueue(store, operator, at(14))).toEqual([]);
      const statuses = (await decisionsOf('idle')).map((row) => row.status);
      expect(statuses.filter((status) => status !== 'cancelled')).toEqual(['executing']);
    });
  });
}
