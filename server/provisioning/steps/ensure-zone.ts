// Step "zone": the org's hosted zone exists and is recorded. A zone with our name already in
// Route 53 is adopted (ours from a lost attempt first); a retried create that gets
// HostedZoneAlreadyExists adopts the zone the lost attempt made.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { HostedZone } from '@/db/rows';
import { isCloudError } from '../../cloud/cloud-error';
import { createHostedZone, findHostedZonesByName, fqdn, getHostedZone } from '../../cloud/route53';
import { DomainError } from '../../errors/domain-error';
import { crashPoint } from '../crash-point';
import { auditChange, inTransaction, type OrgWork } from '../provisioning-context';

export async function zoneRowOf(work: OrgWork): Promise<HostedZone | undefined> {
  const { store } = work.ctx;
  const t = store.t.hostedZones;
  const [row] = await store.db
    .select()
    .from(t)
    .where(and(eq(t.orgId, work.org.id), eq(t.generation, work.org.generation)));
  return row;
}

export async function ensureZone(work: OrgWork): Promise<void> {
  const { store } = work.ctx;
  const t = store.t.hostedZones;
  const { zoneName, callerReference } = work.names;
  await store.db
    .insert(t)
    .values({
      id: randomUUID(),
      orgId: work.org.id,
      generation: work.org.generation,
      name: zoneName,
      callerReference,
      status: 'creating',
    })
    .onConflictDoNothing();
  const row = await zoneRowOf(work);
  if (row?.awsZoneId && row.status === 'ready') return;

  const existing = (await work.ctx.zoneInventory()).get(fqdn(zoneName)) ?? [];
  const adoptable = existing.find((z) => z.callerReference === callerReference) ?? existing[0];
  let zone: { zoneId: string; nameServers: string[]; adopted: boolean };
  if (adoptable) {
    zone = { ...(await zoneDetails(adoptable.zoneId)), adopted: true };
  } else {
    try {
      const created = await createHostedZone(zoneName, callerReference);
      crashPoint('zone:created');
      zone = { zoneId: created.zoneId, nameServers: created.nameServers, adopted: false };
    } catch (error) {
      if (!isCloudError(error, 'HostedZoneAlreadyExists')) throw error;
      // A lost attempt with this CallerReference created it: find that zone and adopt it.
      const ours = (await findHostedZonesByName(zoneName)).find(
        (z) => z.callerReference === callerReference,
      );
      if (!ours)
        throw new DomainError(
          'conflict',
          `Route 53 reports ${zoneName} exists but no zone of ours has that name.`,
        );
      zone = { ...(await zoneDetails(ours.zoneId)), adopted: true };
    }
  }
  await inTransaction(work, async (work) => {
    await work.ctx.store.db
      .update(t)
      .set({
        awsZoneId: zone.zoneId,
        nameServers: zone.nameServers,
        status: 'ready',
        lastError: null,
        // Route 53 keeps no creation time; ours is at most one attempt late for an adopted zone.
        awsCreatedAt: row?.awsCreatedAt ?? new Date(),
      })
      .where(eq(t.callerReference, callerReference));
    await auditChange(work, zone.adopted ? 'zone.adopted' : 'zone.created', zone.zoneId, {
      zoneName,
    });
  });
}

async function zoneDetails(zoneId: string) {
  const details = await getHostedZone(zoneId);
  if (!details)
    throw new DomainError(
      'conflict',
      `Hosted zone ${zoneId} disappeared while it was being adopted.`,
    );
  return { zoneId, nameServers: details.nameServers };
}
