// Step "access-key": the user holds one key whose secret is the current version in Vault and which
// STS accepts. Also carries out a requested rotation (credential status "rotating") without a
// moment without a working key: the old key is recorded as retiring, then the new key is made,
// written to Vault as a new version, verified and recorded. The old key is not deleted here: the
// clusters still run on it until the rotation gate (server/credentials/retire-old-key.ts) has
// rolled the new one out to every connected cluster. Keys whose secret we never stored are deleted
// first, never the retiring one, so the user never needs a third key (docs/design.md,
// "Provisioning an organization" step 5 and "Key rotation").
import type { AccessKeySummary } from '../../cloud/iam';
import { createAccessKey, deleteAccessKey, listAccessKeys } from '../../cloud/iam';
import { verifyAccessKey } from '../../cloud/sts';
import type { VaultSecret } from '../../cloud/vault';
import { DomainError } from '../../errors/domain-error';
import { crashPoint } from '../crash-point';
import { auditChange, inTransaction, type OrgWork } from '../provisioning-context';
import { credentialRowOf, updateCredentialRow } from './credential-row';

export async function ensureAccessKey(work: OrgWork): Promise<void> {
  const credential = await credentialRowOf(work);
  const userName = credential.iamUserName;
  const keys = await listAccessKeys(userName);
  if (!keys) throw new DomainError('conflict', `The IAM user ${userName} does not exist yet.`);
  const stored = await work.ctx.vault.readSecret(credential.vaultPath);
  const storedKeyId = stored?.data.AWS_ACCESS_KEY_ID;
  const current = keys.find((k) => k.accessKeyId === storedKeyId);
  // Clusters may still run on it, so no clean-up below deletes it; only the rotation gate does.
  const retiring = keys.find(
    (k) => k.accessKeyId === credential.retiringAccessKeyId && k !== current,
  );
  const disposable = keys.filter((k) => k !== current && k !== retiring);

  // A rotation is still to be made while Vault holds the key the rotation was requested for.
  const rotationDue =
    credential.status === 'rotating' && current?.accessKeyId === credential.accessKeyId;
  if (current && stored && !rotationDue) {
    await confirmKey(work, current, stored);
    await deleteKeys(work, disposable, 'superseded by the key in Vault');
    return;
  }
  if (rotationDue && retiring) {
    // The current key and the retiring one are the two IAM allows: a new key would be a third.
    throw new DomainError(
      'conflict',
      `The previous rotation still waits for clusters to take its key, so ${retiring.accessKeyId} is not deleted yet; ` +
        `a new rotation starts once it is (or after "zk rotate-key --org ${work.org.slug} --force-retire").`,
    );
  }
  if (rotationDue && current) {
    // Before the new key exists: once Vault holds the new key, the old one is "not in Vault" and
    // only this record keeps a restarted step from deleting the key the clusters run on.
    await updateCredentialRow(work, { retiringAccessKeyId: current.accessKeyId });
  }
  // Keys not in Vault are useless (AWS never shows a secret twice): remove them before creating.
  await deleteKeys(work, disposable, 'its secret was never stored in Vault');

  const created = await createAccessKey(userName);
  await auditChange(work, 'access_key.created', created.accessKeyId, { userName });
  crashPoint('access-key:created');
  const written = await work.ctx.vault.writeSecret(
    credential.vaultPath,
    {
      AWS_ACCESS_KEY_ID: created.accessKeyId,
      AWS_SECRET_ACCESS_KEY: created.secretAccessKey,
      AWS_REGION: work.ctx.awsRegion,
    },
    { cas: stored?.version ?? 0 },
  );
  await auditChange(work, 'vault.secret_written', credential.vaultPath, {
    version: written.version,
    accessKeyId: created.accessKeyId,
  });
  crashPoint('access-key:stored');
  await confirmKey(
    work,
    { accessKeyId: created.accessKeyId, createdAt: created.createdAt },
    {
      data: {
        AWS_ACCESS_KEY_ID: created.accessKeyId,
        AWS_SECRET_ACCESS_KEY: created.secretAccessKey,
      },
      version: written.version,
    },
  );
}

/** Proves the Vault key works with STS, then records it as the org's current key. */
async function confirmKey(
  work: OrgWork,
  key: AccessKeySummary,
  stored: VaultSecret,
): Promise<void> {
  const secretAccessKey = stored.data.AWS_SECRET_ACCESS_KEY;
  if (!secretAccessKey)
    throw new DomainError('conflict', 'The Vault secret has no AWS_SECRET_ACCESS_KEY.');
  const credential = await credentialRowOf(work);
  const alreadyVerified =
    credential.status === 'ready' &&
    credential.accessKeyId === key.accessKeyId &&
    credential.vaultVersion === stored.version &&
    credential.accessKeyVerifiedAt !== null;
  if (alreadyVerified) return;
  // Recorded before the (slow) check, so a page shows the key and a crash cannot rotate twice.
  await updateCredentialRow(work, {
    accessKeyId: key.accessKeyId,
    accessKeyCreatedAt: key.createdAt ?? credential.accessKeyCreatedAt ?? new Date(),
    accessKeyVerifiedAt: null,
    vaultVersion: stored.version,
    status: 'pending',
  });
  const arn = await verifyAccessKey(
    { accessKeyId: key.accessKeyId, secretAccessKey },
    work.ctx.keyVerifyTimeoutMs,
  );
  if (credential.iamUserArn && arn !== credential.iamUserArn) {
    throw new DomainError(
      'conflict',
      `The key in Vault belongs to ${arn}, not to ${credential.iamUserArn}.`,
    );
  }
  await inTransaction(work, async (work) => {
    await updateCredentialRow(work, {
      accessKeyVerifiedAt: new Date(),
      status: 'ready',
      lastError: null,
    });
    await auditChange(work, 'access_key.verified', key.accessKeyId, { arn });
  });
}

async function deleteKeys(work: OrgWork, keys: AccessKeySummary[], reason: string): Promise<void> {
  for (const key of keys) {
    if (await deleteAccessKey(work.names.iamUserName, key.accessKeyId)) {
      await auditChange(work, 'access_key.deleted', key.accessKeyId, { reason });
    }
  }
}
