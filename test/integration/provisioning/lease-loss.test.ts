// A pass that loses the reconciler lease mid-pass stops before its next change, on both stores:
// replica A is provisioning one org when its lease runs out and replica B takes it over; A must
// not finish that org nor start another, so the sandbox shows no zone or IAM user made by A after
// the takeover.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { awsClients } from '@/server/cloud/aws-clients';
import { fqdn } from '@/server/cloud/route53';
import { createOrganization } from '@/server/orgs/create-organization';
import { tryAcquireLease, whileHoldingLease } from '@/server/provisioning/leader-lease';
import { LeaseLost } from '@/server/provisioning/lease-guard';
import { orgResourceNames } from '@/server/provisioning/org-resource-names';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { RECONCILER_LEASE } from '@/server/provisioning/reconciler-loop';
import { STORE_KINDS, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';

const ORGS = 3;
// Long enough that no background renewal runs during a test: the takeover is seen only because
// the pass asks the store before its next change.
const LEASE_TTL_MS = 120_000;
const MIDDLEWARE = 'lease-loss-test:after-create-hosted-zone';

let sandbox: Sandbox;
/** Runs after a CreateHostedZone answered and before the pass sees the answer. */
let afterZoneCreated: ((zoneName: string) => Promise<void>) | undefined;

beforeAll(async () => {
  // One org at a time, so "the next org" of the pass is well defined.
  process.env.ZK_RECONCILE_CONCURRENCY = '1';
  sandbox = await startProvisioningSandbox();
  // Acting inside the pass's own call gives the takeover an exact place in the pass, with no
  // waiting on time: the pass cannot move on until it is done.
  awsClients().route53.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      const input = args.input as { Name?: string };
      if (context.commandName === 'CreateHostedZoneCommand' && input.Name)
        await afterZoneCreated?.(input.Name);
      return output;
    },
    { step: 'initialize', name: MIDDLEWARE },
  );
});
afterAll(async () => {
  awsClients().route53.middlewareStack.remove(MIDDLEWARE);
  await sandbox?.close();
});

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`a pass that loses its lease (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
    });
    afterAll(() => store?.destroy());

    const zonesNamed = (zoneName: string) =>
      [...sandbox.route53.store.zones.values()].filter((z) => fqdn(z.name) === fqdn(zoneName));

    it('stops before touching the next org once another replica took the lease over', async () => {
      const orgs: Organization[] = [];
      for (let i = 0; i < ORGS; i += 1)
        orgs.push(
          await createOrganization(
            { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
            { displayName: `${kind.name} stale ${i}`, slug: `${kind.name}-stale-${i}` },
          ),
        );
      const names = new Map(orgs.map((org) => [org.id, orgResourceNames(org, BASE_DOMAIN)]));

      let takenOverAt: string | undefined;
      let takenOverBy: boolean | undefined;
      afterZoneCreated = async (zoneName) => {
        if (takenOverAt) return;
        takenOverAt = zoneName;
        const t = store.t.leases;
        // Replica A's lease runs out, as when A stalls past the lease period...
        await store.db
          .update(t)
          .set({ expiresAt: new Date(Date.now() - 1) })
          .where(eq(t.name, RECONCILER_LEASE));
        // ...and replica B's loop takes it over.
        takenOverBy = await tryAcquireLease(store, RECONCILER_LEASE, 'replica-b', LEASE_TTL_MS);
      };
      try {
        expect(await tryAcquireLease(store, RECONCILER_LEASE, 'replica-a', LEASE_TTL_MS)).toBe(
          true,
        );
        const pass = whileHoldingLease(
          store,
          RECONCILER_LEASE,
          'replica-a',
          LEASE_TTL_MS,
          (lease) => reconcilePass(store, SYSTEM_ACTOR, { lease }),
        );
        await expect(pass).rejects.toThrow(LeaseLost);
        await expect(pass).rejects.toThrow(/another replica took the lease over/);
      } finally {
        afterZoneCreated = undefined;
      }
      expect(takenOverBy).toBe(true);

      // A made the zone of the org it was on before the takeover, and nothing after it.
      const first = orgs.find((org) => fqdn(names.get(org.id)!.zoneName) === fqdn(takenOverAt!));
      expect(first).toBeDefined();
      const rest = orgs.filter((org) => org !== first);
      expect(zonesNamed(names.get(first!.id)!.zoneName)).toHaveLength(1);
      for (const org of rest) expect(zonesNamed(names.get(org.id)!.zoneName)).toEqual([]);
      const iamUsers = new Set(sandbox.iam.listUsers().map((u) => u.userName));
      for (const org of orgs) expect(iamUsers.has(names.get(org.id)!.iamUserName)).toBe(false);

      // In the store: the first org's zone step only; the others untouched, left to B.
      const steps = await store.db
        .select()
        .from(store.t.provisioningSteps)
        .where(
          inArray(
            store.t.provisioningSteps.orgId,
            orgs.map((o) => o.id),
          ),
        );
      expect(steps.map((s) => [s.orgId, s.step, s.status])).toEqual([[first!.id, 'zone', 'ready']]);
      const rows = await store.db
        .select()
        .from(store.t.organizations)
        .where(
          inArray(
            store.t.organizations.id,
            rest.map((o) => o.id),
          ),
        );
      expect(rows.map((row) => row.status)).toEqual(rest.map(() => 'pending'));

      // A's renewals did not take the lease back.
      const [lease] = await store.db
        .select()
        .from(store.t.leases)
        .where(eq(store.t.leases.name, RECONCILER_LEASE));
      expect(lease?.holder).toBe('replica-b');
    });
  });
}
