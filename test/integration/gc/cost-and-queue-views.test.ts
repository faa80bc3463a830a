// What the cost, collector and org pages read, on both stores: per-org cost with the collector's
// savings (its own deletions only) and the monthly figures; an org's zone status (free window,
// charges, the plan for it, collected); the queue page's view; and the verbs the pages add —
// approve all (a stale one refused), force with the zone's name typed, pin requests, the mode.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import { costOverview } from '@/server/billing/cost-overview';
import { orgZoneCostView } from '@/server/billing/org-zone-cost-view';
import { approveAllGcDecisions } from '@/server/gc/approve-all-gc-decisions';
import { forceNamedGcCollection } from '@/server/gc/force-named-gc-collection';
import { readGcSettings } from '@/server/gc/gc-settings';
import { gcQueueView } from '@/server/gc/gc-queue-view';
import { refreshGcQueue } from '@/server/gc/refresh-gc-queue';
import { openPinRequests, requestGcPin } from '@/server/gc/request-gc-pin';
import { setGcMode } from '@/server/gc/set-gc-mode';
import { setGcPin } from '@/server/gc/set-gc-pin';
import { STORE_KINDS, type TestStore } from '../../support/stores';

const operator: Actor = { type: 'cli', label: 'cli:test' };
const orgAdmin: Actor = { type: 'user', label: 'ada@young.test' };
const HOUR = 3_600_000;
const t0 = new Date('2026-12-10T08:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
const d = (iso: string) => new Date(iso);

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`cost and collector views (${kind.name})`, () => {
    let store: TestStore;
    const orgIds: Record<string, string> = {};
    const orgOf = async (slug: string) =>
      (
        await store.db
          .select()
          .from(store.t.organizations)
          .where(eq(store.t.organizations.slug, slug))
      )[0]!;
    const decisionsOf = (slug: string) =>
      store.db
        .select()
        .from(store.t.gcDecisions)
        .where(eq(store.t.gcDecisions.orgId, orgIds[slug]!));
    const auditOf = (slug: string | null, action: string) =>
      store.db
        .select()
        .from(store.t.auditEvents)
        .where(
          and(
            slug === null ? undefined : eq(store.t.auditEvents.orgId, orgIds[slug]!),
            eq(store.t.auditEvents.action, action),
          ),
        );

    beforeAll(async () => {
      store = await kind.open();
      const { organizations, hostedZones, clusters, settings, gcDecisions } = store.t;
      const org = async (slug: string, generation = 1) => {
        const id = randomUUID();
        orgIds[slug] = id;
        await store.db.insert(organizations).values({
          id,
          slug,
          displayName: slug,
          status: 'ready',
          generation,
          createdAt: d('2026-11-01T00:00:00Z'),
        });
        return id;
      };
      const zone = async (
        orgId: string,
        awsZoneId: string,
        createdAt: Date,
        extra: { generation?: number; deletedAt?: Date; collected?: boolean } = {},
      ) => {
        const id = randomUUID();
        await store.db.insert(hostedZones).values({
          id,
          orgId,
          generation: extra.generation ?? 1,
          name: `${awsZoneId.toLowerCase()}.zonekeeper.test`,
          callerReference: `zk-${id}`,
          awsZoneId,
          awsCreatedAt: createdAt,
          status: extra.deletedAt ? 'deleted' : 'ready',
          deletedAt: extra.deletedAt ?? null,
        });
        if (extra.collected) {
          await store.db.insert(gcDecisions).values({
            id: randomUUID(),
            orgId,
            hostedZoneId: id,
            action: 'delete-now',
            status: 'done',
            reason: 'collected',
            executedAt: extra.deletedAt,
          });
        }
      };
      // Named after their zones, so a zone's name is `<zone id lower-cased>.zonekeeper.test`.
      await zone(await org('young'), 'ZYOUNG', t0);
      await zone(await org('old'), 'ZOLD', d('2026-11-05T00:00:00Z'));
      const busy = await org('busy');
      await zone(busy, 'ZBUSY', d('2026-11-05T00:00:00Z'));
      await store.db.insert(clusters).values({
        id: randomUUID(),
        orgId: busy,
        name: 'prod',
        uid: `uid-${randomUUID()}`,
        status: 'running',
        createdAt: d('2026-11-02T00:00:00Z'),
      });
      // Three zones gone: one the org deleted itself (not the collector's saving), one the
      // collector deleted inside its free window, one it deleted before the 1st of December.
      const gone = await org('gone', 3);
      await zone(gone, 'ZOWN', d('2026-11-01T00:00:00Z'), {
        deletedAt: d('2026-11-01T01:00:00Z'),
      });
      await zone(gone, 'ZFREE', d('2026-11-10T00:00:00Z'), {
        generation: 2,
        deletedAt: d('2026-11-10T02:00:00Z'),
        collected: true,
      });
      await zone(gone, 'ZLATE', d('2026-11-20T00:00:00Z'), {
        generation: 3,
        deletedAt: d('2026-11-28T00:00:00Z'),
        collected: true,
      });
      await store.db
        .insert(settings)
        .values({ key: 'gc', value: { gracePeriodMs: HOUR, mode: 'manual' } });
    });
    afterAll(async () => {
      await store?.destroy();
    });

    it('sums the cost per org and in total, and counts only the collector’s deletions as saved', async () => {
      const overview = await costOverview(store, t0);
      const usd = { thisMonthUsd: 0.5, projectedNextMonthUsd: 0.5 };
      const nothingSaved = { savedInFreeWindowUsd: 0, savedBeforeMonthStartUsd: 0 };
      expect(overview.orgs).toEqual([
        { org: 'busy', zones: 1, ...usd, ...nothingSaved },
        {
          org: 'gone',
          zones: 0,
          thisMonthUsd: 0,
          projectedNextMonthUsd: 0,
          savedInFreeWindowUsd: 0.5,
          savedBeforeMonthStartUsd: 0.5,
        },
        { org: 'old', zones: 1, ...usd, ...nothingSaved },
        { org: 'young', zones: 1, ...usd, ...nothingSaved },
      ]);
      expect(overview.total).toEqual({
        zones: 3,
        thisMonthUsd: 1.5,
        projectedNextMonthUsd: 1.5,
        savedInFreeWindowUsd: 0.5,
        savedBeforeMonthStartUsd: 0.5,
      });
      expect(overview.months).toHaveLength(13);
      expect(overview.months.slice(-3)).toEqual([
        // November: busy, old and the late zone charged; the free-window deletion saved.
        { month: '2026-11', chargedUsd: 1.5, savedUsd: 0.5, projected: false },
        // December: the late zone's 1st charge is what its deletion saved.
        { month: '2026-12', chargedUsd: 1.5, savedUsd: 0.5, projected: false },
        { month: '2027-01', chargedUsd: 1.5, savedUsd: 0, projected: true },
      ]);
      expect(overview.months[0]).toEqual({
        month: '2026-01',
        chargedUsd: 0,
        savedUsd: 0,
        projected: false,
      });
    });

    it('answers as of an earlier time: zones not yet created are unknown', async () => {
      const overview = await costOverview(store, d('2026-11-06T00:00:00Z'));
      // gone's own zone came and went on the 1st; its two collected zones were not made yet.
      expect(overview.orgs.map((o) => [o.org, o.zones])).toEqual([
        ['busy', 1],
        ['gone', 0],
        ['old', 1],
      ]);
      expect(overview.total.savedInFreeWindowUsd).toBe(0);
    });

    it('shows an org its free window and charges, then the deletion the collector plans', async () => {
      const before = await orgZoneCostView(store, await orgOf('young'), at(1));
      expect(before).toMatchObject({
        kind: 'live',
        cost: {
          zoneId: 'ZYOUNG',
          freeUntil: at(12).toISOString(),
          chargedThisMonth: true,
          thisMonthUsd: 0.5,
          nextChargeAt: '2027-01-01T00:00:00.000Z',
          nextChargeUsd: 0.5,
        },
        collection: null,
        pinned: false,
        pinRequestedAt: null,
      });
      await refreshGcQueue(store, operator, at(1));
      expect(await orgZoneCostView(store, await orgOf('young'), at(1))).toMatchObject({
        kind: 'live',
        collection: { action: 'delete-now', status: 'proposed', at: at(1) },
      });
      const old = await orgZoneCostView(store, await orgOf('old'), at(1));
      expect(old).toMatchObject({ kind: 'live', collection: { action: 'schedule' } });
      if (old.kind !== 'live') throw new Error('unreachable');
      expect(old.collection!.at!.toISOString()).toMatch(/^2026-12-31T23:/);
      expect(old.collection!.reason).toContain('December 2026 is already paid for');
    });

    it('says a collected zone was collected, and that it comes back once a cluster registers', async () => {
      const gone = await orgOf('gone');
      expect(await orgZoneCostView(store, gone, at(1))).toEqual({
        kind: 'collected',
        collectedAt: d('2026-11-28T00:00:00Z'),
        returning: false,
      });
      const cluster = randomUUID();
      await store.db.insert(store.t.clusters).values({
        id: cluster,
        orgId: gone.id,
        name: 'back',
        uid: `uid-${randomUUID()}`,
        status: 'pending',
      });
      expect(await orgZoneCostView(store, gone, at(1))).toMatchObject({
        kind: 'collected',
        returning: true,
      });
      await store.db.delete(store.t.clusters).where(eq(store.t.clusters.id, cluster));
    });

    it('gives the queue page the open decisions with their savings, the plan and the mode', async () => {
      const view = await gcQueueView(store, { now: at(1) });
      expect(view.settings.mode).toBe('manual');
      expect(view.modeSource).toBe('setting');
      expect(view.queue.map((q) => [q.org, q.action, q.status, q.savesUsd])).toEqual([
        ['young', 'delete-now', 'proposed', 0.5],
        ['old', 'schedule', 'proposed', 0.5],
      ]);
      expect(view.queue[0]!.zoneName).toBe('zyoung.zonekeeper.test');
      expect(view.plan.map((p) => [p.org, p.action])).toEqual([
        ['young', 'delete-now'],
        ['old', 'schedule'],
        ['busy', 'keep'],
      ]);
      expect(view.recent.map((r) => [r.org, r.status])).toEqual([
        ['gone', 'done'],
        ['gone', 'done'],
      ]);
      // The dry run as of another time writes nothing: the queue is as it was.
      const later = await gcQueueView(store, { now: at(1), planAt: at(13) });
      expect(later.plan.find((p) => p.org === 'young')!.action).toBe('schedule');
      expect(later.queue).toEqual(view.queue);
    });

    it('approves all it was shown, refusing the one that went stale with its reason', async () => {
      const ids = (await gcQueueView(store, { now: at(1) })).queue.map((q) => q.decisionId);
      // At 12 h the free window has closed: "delete now" is stale, "schedule" still stands.
      const outcomes = await approveAllGcDecisions(store, operator, [...ids, 'no-such'], at(12));
      expect(outcomes.map((o) => [o.org, o.approved])).toEqual([
        ['young', false],
        ['old', true],
        ['', false],
      ]);
      expect(outcomes[0]!.refusal).toMatch(/gone stale/);
      expect((await decisionsOf('young'))[0]!.status).toBe('proposed');
      expect((await decisionsOf('old'))[0]!.status).toBe('approved');
      expect(await auditOf('old', 'gc.decision_approved')).toHaveLength(1);
      expect(await auditOf('young', 'gc.decision_approved')).toEqual([]);
    });

    it('forces only when the zone’s name is typed, and never for an org in use', async () => {
      await expect(
        forceNamedGcCollection(store, operator, { orgSlug: 'young', confirm: 'young' }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        fields: { confirm: ["Type the zone's name, zyoung.zonekeeper.test, to delete it now."] },
      });
      expect(await auditOf('young', 'gc.forced')).toEqual([]);
      await expect(
        forceNamedGcCollection(store, operator, {
          orgSlug: 'busy',
          confirm: 'zbusy.zonekeeper.test',
        }),
      ).rejects.toThrow('Not forced: Cluster prod of busy is running: its zone is in use.');
      const row = await forceNamedGcCollection(store, operator, {
        orgSlug: 'young',
        confirm: ' ZYOUNG.zonekeeper.test. ',
      });
      expect(row).toMatchObject({ action: 'delete-now', status: 'approved' });
      expect(await auditOf('young', 'gc.forced')).toHaveLength(1);
    });

    it('records an org admin’s pin request, lists it until an operator pins, audited', async () => {
      await requestGcPin(store, orgAdmin, await orgOf('old'), '  the demo runs on it  ');
      const [request] = await openPinRequests(store);
      expect(request).toMatchObject({
        org: 'old',
        requestedBy: 'ada@young.test',
        reason: 'the demo runs on it',
      });
      expect(await auditOf('old', 'gc.pin_requested')).toHaveLength(1);
      await expect(
        requestGcPin(store, orgAdmin, await orgOf('old'), 'x'.repeat(301)),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      await setGcPin(store, operator, { orgSlug: 'old', pinned: true });
      expect(await openPinRequests(store)).toEqual([]);
      expect((await gcQueueView(store, { now: at(12) })).pinned).toEqual(['old']);
      await expect(requestGcPin(store, orgAdmin, await orgOf('old'), '')).rejects.toThrow(
        'old is pinned already',
      );
    });

    it('switches the mode in the store, keeping the other settings, audited once per change', async () => {
      expect(await setGcMode(store, operator, 'automatic')).toEqual({ changed: true });
      expect(await setGcMode(store, operator, 'automatic')).toEqual({ changed: false });
      const settings = await readGcSettings(store);
      expect(settings).toMatchObject({ mode: 'automatic', gracePeriodMs: HOUR });
      const events = await auditOf(null, 'gc.mode_changed');
      expect(events).toHaveLength(1);
      expect(events[0]!.detail).toEqual({ from: 'manual', to: 'automatic' });
      await setGcMode(store, operator, 'manual');
      expect((await readGcSettings(store)).mode).toBe('manual');
    });
  });
}
