// A collected org keeps its identity, and its zone comes back when a cluster registers or runs
// again: a new generation (a new CallerReference, so a new zone id), whose zone, delegation and
// policy steps the reconciler then redoes. The policy step moves the IAM policy to the new zone
// with CreatePolicyVersion; the user and its key are untouched. ExternalDNS in the org's connected
// clusters still filters on the old zone id, so it is marked for delivery again: the reconciler's
// ExternalDNS pass redeploys it once the new zone is ready.
import { and, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';

/** The steps that follow the zone; the user and access-key steps stay as they are. */
const ZONE_STEPS = ['zone', 'delegation', 'policy'];

export interface ZoneReturn {
  org: string;
  generation: number;
  cluster: string;
}

/** Every org whose current zone was collected and that has a registered or running cluster. */
export async function bringBackCollectedZones(
  store: Store,
  actor: Actor,
  options: { orgIds?: string[] } = {},
): Promise<ZoneReturn[]> {
  const { organizations: o, hostedZones: z, clusters: c } = store.t;
  const candidates = await store.db
    .select({ org: o, cluster: c.name, collectedZoneId: z.awsZoneId })
    .from(o)
    .innerJoin(z, and(eq(z.orgId, o.id), eq(z.generation, o.generation)))
    .innerJoin(c, eq(c.orgId, o.id))
    .where(
      and(
        eq(o.desiredState, 'present'),
        eq(z.status, 'deleted'),
        inArray(c.status, ['pending', 'running']),
        options.orgIds ? inArray(o.id, options.orgIds) : undefined,
      ),
    );
  const seen = new Set<string>();
  const returns: ZoneReturn[] = [];
  for (const { org, cluster, collectedZoneId } of candidates) {
    if (seen.has(org.id)) continue;
    seen.add(org.id);
    const generation = org.generation + 1;
    const done = await store.transaction(async (tx) => {
      // Guarded on the generation we read: another replica bringing it back wins, once.
      const [bumped] = await tx.db
        .update(tx.t.organizations)
        .set({ generation, status: 'pending', lastError: null })
        .where(and(eq(o.id, org.id), eq(o.generation, org.generation)))
        .returning({ id: o.id });
      if (!bumped) return false;
      const s = tx.t.provisioningSteps;
      await tx.db
        .update(s)
        .set({ status: 'pending' })
        .where(and(eq(s.orgId, org.id), inArray(s.step, ZONE_STEPS)));
      const c = tx.t.clusters;
      await tx.db
        .update(c)
        .set({
          externalDnsState: 'degraded',
          externalDnsError: `ExternalDNS still filters on the collected zone${collectedZoneId ? ` ${collectedZoneId}` : ''}; it is redeployed with the new zone once that is ready.`,
          externalDnsRetryAt: null,
        })
        .where(
          and(
            eq(c.orgId, org.id),
            eq(c.connectionKind, 'kubeconfig'),
            inArray(c.externalDnsState, ['running', 'degraded', 'deploying']),
          ),
        );
      await recordAuditEvent(tx, {
        actor,
        orgId: org.id,
        action: 'gc.zone_return_requested',
        target: org.slug,
        outcome: 'success',
        detail: { generation, cluster },
      });
      return true;
    });
    if (done) returns.push({ org: org.slug, generation, cluster });
  }
  return returns;
}
