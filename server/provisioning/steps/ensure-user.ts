// Step "user": the IAM user exists (one with our name is adopted) and holds the zone policy.
import { attachUserPolicy, createUser } from '../../cloud/iam';
import { DomainError } from '../../errors/domain-error';
import { crashPoint } from '../crash-point';
import { IAM_PATH } from '../org-resource-names';
import { auditChange, type OrgWork } from '../provisioning-context';
import { credentialRowOf, updateCredentialRow } from './credential-row';

export async function ensureUser(work: OrgWork): Promise<void> {
  const credential = await credentialRowOf(work);
  if (!credential.policyArn)
    throw new DomainError('conflict', 'The IAM policy is not created yet.');
  const user = await createUser(credential.iamUserName, IAM_PATH);
  crashPoint('user:created');
  await updateCredentialRow(work, { iamUserArn: user.arn });
  await auditChange(work, user.created ? 'iam.user_created' : 'iam.user_adopted', user.arn);
  // Attaching an attached policy is a no-op in IAM, so a retry needs no check first.
  await attachUserPolicy(credential.iamUserName, credential.policyArn);
  await auditChange(work, 'iam.policy_attached', credential.iamUserName, {
    policyArn: credential.policyArn,
  });
}
