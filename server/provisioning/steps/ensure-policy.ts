// Step "policy": the IAM policy that may change only the org's current zone. One with our name is
// adopted, and when the document in effect says anything else (another zone id: an adopted
// policy, or a zone that came back as a new generation) a new default version replaces it.
import {
  POLICY_VERSION_LIMIT,
  createDefaultPolicyVersion,
  createPolicy,
  deletePolicyVersion,
  getDefaultPolicyDocument,
  listPolicyVersions,
  type PolicyVersionSummary,
} from '../../cloud/iam';
import { platformAccountId } from '../../cloud/sts';
import { DomainError } from '../../errors/domain-error';
import { crashPoint } from '../crash-point';
import { IAM_PATH, policyArnFor, zonePolicyDocument } from '../org-resource-names';
import { auditChange, type OrgWork } from '../provisioning-context';
import { samePolicyDocument } from '../same-policy-document';
import { credentialRowOf, updateCredentialRow } from './credential-row';
import { zoneRowOf } from './ensure-zone';

export async function ensurePolicy(work: OrgWork): Promise<void> {
  const zone = await zoneRowOf(work);
  if (!zone?.awsZoneId) throw new DomainError('conflict', 'The hosted zone is not created yet.');
  const credential = await credentialRowOf(work);
  const arn = policyArnFor(await platformAccountId(), credential.policyName);
  const expected = zonePolicyDocument(zone.awsZoneId);
  const result = await createPolicy(credential.policyName, IAM_PATH, expected, arn);
  crashPoint('policy:created');
  await updateCredentialRow(work, { policyArn: result.arn });
  await auditChange(
    work,
    result.created ? 'iam.policy_created' : 'iam.policy_adopted',
    result.arn,
    {
      zoneId: zone.awsZoneId,
    },
  );
  if (!result.created) await moveToDocument(work, result.arn, expected, zone.awsZoneId);
}

/** Makes `expected` the document in effect, unless it already means the same. */
async function moveToDocument(work: OrgWork, arn: string, expected: string, zoneId: string) {
  const current = await getDefaultPolicyDocument(arn);
  if (!current) {
    throw new DomainError('conflict', `IAM policy ${arn} disappeared while it was being adopted.`);
  }
  if (samePolicyDocument(current.document, expected)) return;
  const versions = (await listPolicyVersions(arn)) ?? [];
  // At IAM's limit one version must go first; the default never can, so the oldest other one.
  const oldest = oldestNonDefault(versions);
  if (versions.length >= POLICY_VERSION_LIMIT && oldest) {
    await deletePolicyVersion(arn, oldest.versionId);
    await auditChange(work, 'iam.policy_version_deleted', arn, { versionId: oldest.versionId });
  }
  const versionId = await createDefaultPolicyVersion(arn, expected);
  await auditChange(work, 'iam.policy_version_created', arn, {
    versionId,
    replaced: current.versionId,
    zoneId,
  });
}

/** By creation time; IAM's version numbers break ties (they only grow). */
function oldestNonDefault(versions: PolicyVersionSummary[]): PolicyVersionSummary | undefined {
  const number = (versionId: string) => Number(versionId.replace(/^v/, '').split('.')[0]);
  return versions
    .filter((version) => !version.isDefault)
    .sort(
      (a, b) =>
        (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) ||
        number(a.versionId) - number(b.versionId),
    )[0];
}
