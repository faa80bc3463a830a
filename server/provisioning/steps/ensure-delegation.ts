// Step "delegation": the parent zone holds an NS record for the org's zone with exactly its name
// servers (UPSERT, batched with other orgs, waited on until INSYNC, then read back).
import { eq } from 'drizzle-orm';
import { fqdn, getRecordSet } from '../../cloud/route53';
import { DomainError } from '../../errors/domain-error';
import type { DelegationState } from '@/db/schema/enums';
import { crashPoint } from '../crash-point';
import { auditChange, type OrgWork } from '../provisioning-context';
import { zoneRowOf } from './ensure-zone';

export async function ensureDelegation(work: OrgWork): Promise<void> {
  const zone = await zoneRowOf(work);
  if (!zone?.awsZoneId) throw new DomainError('conflict', 'The hosted zone is not created yet.');
  const parentZoneId = await work.ctx.parentZoneId();
  await work.ctx.delegations.upsert(zone.name, zone.nameServers);
  crashPoint('delegation:upserted');
  await auditChange(work, 'delegation.upserted', fqdn(zone.name), {
    parentZoneId,
    nameServers: zone.nameServers,
  });
  const state = await readDelegationState(parentZoneId, zone.name, zone.nameServers);
  const t = work.ctx.store.t.hostedZones;
  await work.ctx.store.db
    .update(t)
    .set({ delegationState: state, delegationCheckedAt: new Date() })
    .where(eq(t.id, zone.id));
  if (state !== 'matches') {
    throw new DomainError(
      'conflict',
      `The parent zone's NS record for ${zone.name} ${state === 'missing' ? 'is missing' : "does not match the zone's name servers"} after the change.`,
    );
  }
}

export async function readDelegationState(
  parentZoneId: string,
  zoneName: string,
  nameServers: string[],
): Promise<DelegationState> {
  const record = await getRecordSet(parentZoneId, zoneName, 'NS');
  if (!record) return 'missing';
  const actual = (record.ResourceRecords ?? []).map((r) => fqdn(r.Value ?? '')).sort();
  const wanted = nameServers.map(fqdn).sort();
  return actual.length === wanted.length && actual.every((v, i) => v === wanted[i])
    ? 'matches'
    : 'differs';
}
