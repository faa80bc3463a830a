// Dry run: reads Route 53, IAM and Vault (never writes) and says what one organization lacks and
// what the reconciler would do about it.
import type { Organization } from '@/db/rows';
import {
  attachedPolicyArns,
  getDefaultPolicyDocument,
  getUserArn,
  listAccessKeys,
  policyExists,
} from '../cloud/iam';
import { fqdn, getHostedZone } from '../cloud/route53';
import { platformAccountId } from '../cloud/sts';
import { describeBlockers, rotationHoldOf } from '../credentials/rotation-blockers';
import { policyArnFor, zonePolicyDocument } from './org-resource-names';
import { orgWork, type ProvisioningContext } from './provisioning-context';
import { samePolicyDocument } from './same-policy-document';
import { readDelegationState } from './steps/ensure-delegation';

export async function planOrganization(
  ctx: ProvisioningContext,
  org: Organization,
): Promise<string[]> {
  const { names } = orgWork(ctx, org);
  const zones = (await ctx.zoneInventory()).get(fqdn(names.zoneName)) ?? [];
  const policyArn = policyArnFor(await platformAccountId(), names.policyName);
  const hasPolicy = await policyExists(policyArn);
  const userArn = await getUserArn(names.iamUserName);
  const keys = (await listAccessKeys(names.iamUserName)) ?? [];
  const stored = await ctx.vault.readSecret(names.vaultPath);
  if (org.desiredState === 'absent') {
    const actions = [
      ...(zones.length > 0
        ? [`remove the delegation of ${names.zoneName}, its records and ${zones.length} zone(s)`]
        : []),
      ...keys.map((k) => `delete access key ${k.accessKeyId}`),
      ...(hasPolicy ? [`detach and delete policy ${names.policyName}`] : []),
      ...(userArn ? [`delete IAM user ${names.iamUserName}`] : []),
      ...(stored ? [`delete Vault secret ${names.vaultPath}`] : []),
    ];
    return actions.length > 0 ? actions : ['nothing left to delete; mark deleted'];
  }
  const actions: string[] = [];
  if (zones.length === 0) actions.push(`create hosted zone ${names.zoneName}`);
  if (zones.length > 1)
    actions.push(
      `adopt one of ${zones.length} zones named ${names.zoneName} (duplicates need an operator)`,
    );
  const zone = zones[0] ? await getHostedZone(zones[0].zoneId) : null;
  const delegation = zone
    ? await readDelegationState(await ctx.parentZoneId(), names.zoneName, zone.nameServers)
    : 'missing';
  if (delegation !== 'matches')
    actions.push(`UPSERT the NS delegation of ${names.zoneName} (now ${delegation})`);
  if (!hasPolicy) actions.push(`create IAM policy ${names.policyName}`);
  else if (zones[0]) {
    const inEffect = await getDefaultPolicyDocument(policyArn);
    if (inEffect && !samePolicyDocument(inEffect.document, zonePolicyDocument(zones[0].zoneId)))
      actions.push(
        `move IAM policy ${names.policyName} from ${inEffect.versionId} to a new default version scoped to zone ${zones[0].zoneId}`,
      );
  }
  if (!userArn) actions.push(`create IAM user ${names.iamUserName} and attach the policy`);
  else if (!((await attachedPolicyArns(names.iamUserName)) ?? []).includes(policyArn))
    actions.push(`attach ${names.policyName} to ${names.iamUserName}`);
  const storedKey = keys.find((k) => k.accessKeyId === stored?.data.AWS_ACCESS_KEY_ID);
  // A rotation's old key is the clusters' until they hold the new one (server/credentials/).
  const hold = await rotationHoldOf(ctx.store, org);
  for (const key of keys) {
    if (key === storedKey) continue;
    if (key.accessKeyId !== hold?.retiringAccessKeyId)
      actions.push(`delete access key ${key.accessKeyId} (secret not in Vault)`);
    else if (hold.blockers.length > 0)
      actions.push(
        `keep rotated-out key ${key.accessKeyId} until ${describeBlockers(hold.blockers)} ${hold.blockers.length === 1 ? 'holds' : 'hold'} the new key`,
      );
    else
      actions.push(
        `delete rotated-out key ${key.accessKeyId}: every connected cluster holds the new key`,
      );
  }
  if (!storedKey) actions.push('create an access key, store it in Vault and verify it with STS');
  else if (org.status !== 'ready')
    actions.push(`verify access key ${storedKey.accessKeyId} with STS`);
  return actions;
}
