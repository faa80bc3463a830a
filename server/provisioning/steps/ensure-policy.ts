// Step "policy": the IAM policy that may change only the org's zone; one with our name is adopted.
import { createPolicy } from '../../cloud/iam';
import { platformAccountId } from '../../cloud/sts';
import { DomainError } from '../../errors/domain-error';
import { crashPoint } from '../crash-point';
import { IAM_PATH, policyArnFor, zonePolicyDocument } from '../org-resource-names';
import { auditChange, type OrgWork } from '../provisioning-context';
import { credentialRowOf, updateCredentialRow } from './credential-row';
import { zoneRowOf } from './ensure-zone';

export async function ensurePolicy(work: OrgWork): Promise<void> {
  const zone = await zoneRowOf(work);
  if (!zone?.awsZoneId) throw new DomainError('conflict', 'The hosted zone is not created yet.');
  const credential = await credentialRowOf(work);
  const arn = policyArnFor(await platformAccountId(), credential.policyName);
  const result = await createPolicy(
    credential.policyName,
    IAM_PATH,
    zonePolicyDocument(zone.awsZoneId),
    arn,
  );
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
}
