// Deleting an organization, in the reverse order of risk (docs/design.md, "Teardown"): the parent
// delegation first (a delegation to a deleted zone can be hijacked), then the records, the zone,
// the keys, the policy attachment and policy, the user and the Vault secret. Each step is
// idempotent.
import { and, eq } from 'drizzle-orm';
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import {
  deleteAccessKey,
  deletePolicy,
  deleteUser,
  detachUserPolicy,
  listAccessKeys,
} from '../cloud/iam';
import { deleteHostedZone, fqdn, getRecordSet, listAllRecordSets } from '../cloud/route53';
import { platformAccountId } from '../cloud/sts';
import { clientSecretPath, disableOrgIdentityProvider } from '../auth/org-identity-provider';
import { applyChangeBatches } from '../route53-changes/apply-change-batches';
import { crashPoint } from './crash-point';
import { policyArnFor } from './org-resource-names';
import { auditChange, inTransaction, type OrgWork } from './provisioning-context';

/** Every zone of this org: recorded ones, and any a lost attempt made (our CallerReference). */
async function zonesOf(work: OrgWork): Promise<string[]> {
  const t = work.ctx.store.t.hostedZones;
  const rows = await work.ctx.store.db.select().from(t).where(eq(t.orgId, work.org.id));
  const listed = (await work.ctx.zoneInventory()).get(fqdn(work.names.zoneName)) ?? [];
  const ours = listed.filter((z) => z.callerReference.startsWith(`zk-${work.org.id}-`));
  const ids = [...rows.map((r) => r.awsZoneId), ...ours.map((z) => z.zoneId)];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/**
 * Removes the parent zone's NS record for the org's zone name. With `onlyIfServers`, only when it
 * delegates to exactly those name servers: collecting one zone must not cut another's delegation.
 * Returns whether a record was deleted.
 */
export async function removeDelegation(work: OrgWork, onlyIfServers?: string[]): Promise<boolean> {
  const parentZoneId = await work.ctx.parentZoneId();
  const record = await getRecordSet(parentZoneId, work.names.zoneName, 'NS');
  if (!record) return false;
  if (onlyIfServers) {
    const actual = (record.ResourceRecords ?? []).map((r) => fqdn(r.Value ?? '')).sort();
    const wanted = onlyIfServers.map(fqdn).sort();
    if (actual.length !== wanted.length || actual.some((v, i) => v !== wanted[i])) return false;
  }
  await applyChangeBatches(
    parentZoneId,
    [{ Action: 'DELETE', ResourceRecordSet: record }],
    `zonekeeper: remove delegation of ${work.names.zoneName}`,
  );
  await auditChange(work, 'delegation.deleted', fqdn(work.names.zoneName), { parentZoneId });
  return true;
}

async function removeOrgDelegation(work: OrgWork): Promise<void> {
  await removeDelegation(work);
}

/** Deletes every record of one zone but its apex SOA and NS, all pages, in batches by size. */
export async function removeZoneRecords(work: OrgWork, zoneId: string, why: string): Promise<void> {
  const apex = fqdn(work.names.zoneName);
  // Collect every page first: deleting while paging would shift the pages under us.
  const doomed: ResourceRecordSet[] = [];
  try {
    for await (const page of listAllRecordSets(zoneId)) {
      doomed.push(
        ...page.filter((r) => !(r.Name === apex && (r.Type === 'SOA' || r.Type === 'NS'))),
      );
    }
  } catch (error) {
    if ((error as { vendorCode?: string }).vendorCode === 'NoSuchHostedZone') return;
    throw error;
  }
  // Batches sized by what they hold: 100 DKIM keys alone are over 32,000 characters.
  await applyChangeBatches(
    zoneId,
    doomed.map((record) => ({ Action: 'DELETE', ResourceRecordSet: record })),
    `zonekeeper: ${why}`,
  );
  if (doomed.length > 0)
    await auditChange(work, 'zone.records_deleted', zoneId, { count: doomed.length });
}

async function removeRecords(work: OrgWork): Promise<void> {
  for (const zoneId of await zonesOf(work)) {
    await removeZoneRecords(work, zoneId, 'organization deleted');
  }
}

/** Deletes one emptied zone; false when Route 53 says it is already gone. */
export async function removeHostedZone(work: OrgWork, zoneId: string): Promise<boolean> {
  const deleted = await deleteHostedZone(zoneId);
  if (deleted) await auditChange(work, 'zone.deleted', zoneId);
  crashPoint('teardown:zone-deleted');
  return deleted;
}

async function removeZone(work: OrgWork): Promise<void> {
  for (const zoneId of await zonesOf(work)) await removeHostedZone(work, zoneId);
  const t = work.ctx.store.t.hostedZones;
  await work.ctx.store.db
    .update(t)
    .set({ status: 'deleted', deletedAt: new Date(), delegationState: 'missing' })
    .where(eq(t.orgId, work.org.id));
}

async function removeKeys(work: OrgWork): Promise<void> {
  for (const key of (await listAccessKeys(work.names.iamUserName)) ?? []) {
    if (await deleteAccessKey(work.names.iamUserName, key.accessKeyId)) {
      await auditChange(work, 'access_key.deleted', key.accessKeyId, {
        reason: 'organization deleted',
      });
    }
  }
}

async function removePolicy(work: OrgWork): Promise<void> {
  const arn = policyArnFor(await platformAccountId(), work.names.policyName);
  if (await detachUserPolicy(work.names.iamUserName, arn)) {
    await auditChange(work, 'iam.policy_detached', work.names.iamUserName, { policyArn: arn });
  }
  if (await deletePolicy(arn)) await auditChange(work, 'iam.policy_deleted', arn);
}

async function removeUser(work: OrgWork): Promise<void> {
  if (await deleteUser(work.names.iamUserName)) {
    await auditChange(work, 'iam.user_deleted', work.names.iamUserName);
  }
}

async function removeVaultSecret(work: OrgWork): Promise<void> {
  await work.ctx.vault.deleteSecret(work.names.vaultPath);
  await auditChange(work, 'vault.secret_deleted', work.names.vaultPath);
}

// First of all: no one signs in through a deleted org, and its IdP's client secret leaves Vault.
async function removeIdentityProvider(work: OrgWork): Promise<void> {
  const { store, vault } = work.ctx;
  if (await disableOrgIdentityProvider(store, vault, work.org)) {
    await auditChange(work, 'idp.removed', work.org.slug, {
      vaultPath: clientSecretPath(work.org.slug),
    });
  }
}

export const TEARDOWN_STEPS = [
  { step: 'teardown-identity-provider', run: removeIdentityProvider },
  { step: 'teardown-delegation', run: removeOrgDelegation },
  { step: 'teardown-records', run: removeRecords },
  { step: 'teardown-zone', run: removeZone },
  { step: 'teardown-keys', run: removeKeys },
  { step: 'teardown-policy', run: removePolicy },
  { step: 'teardown-user', run: removeUser },
  { step: 'teardown-vault', run: removeVaultSecret },
] as const;

/** Marks the org and its identity deleted once every teardown step is ready. */
export async function finishTeardown(work: OrgWork): Promise<void> {
  // One unit: an org marked deleted with a credential still "ready", or the reverse, would be
  // shown and counted wrongly, and nothing would come back to fix it.
  await inTransaction(work, async (work) => {
    const { store } = work.ctx;
    await store.db
      .update(store.t.iamCredentials)
      .set({ status: 'deleted', accessKeyId: null, vaultVersion: null })
      .where(eq(store.t.iamCredentials.orgId, work.org.id));
    await store.db
      .update(store.t.organizations)
      .set({ status: 'deleted', deletedAt: new Date(), lastError: null })
      .where(
        and(
          eq(store.t.organizations.id, work.org.id),
          eq(store.t.organizations.desiredState, 'absent'),
        ),
      );
    await auditChange(work, 'org.deleted', work.org.slug);
  });
}
