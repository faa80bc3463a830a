// Reads an IAM snapshot written by this or an earlier sandbox, so `./data/sandbox/iam.json` from
// before policy versions keeps working: each old policy becomes one with the single version v1.
import {
  IAM_SNAPSHOT_FORMAT,
  IAM_SNAPSHOT_FORMAT_V1,
  type IamPolicy,
  type IamSnapshot,
} from './iam-model';

type V1Policy = Omit<IamPolicy, 'versions' | 'defaultVersionId' | 'nextVersionNumber'> & {
  document: string;
};

export function upgradeIamSnapshot(snapshot: IamSnapshot): IamSnapshot {
  const format = (snapshot as { format: string }).format;
  if (format === IAM_SNAPSHOT_FORMAT) return snapshot;
  if (format !== IAM_SNAPSHOT_FORMAT_V1) throw new Error(`Unknown IAM snapshot format ${format}`);
  const policies = (snapshot.policies as unknown as V1Policy[]).map(
    ({ document, ...policy }): IamPolicy => ({
      ...policy,
      versions: [{ versionId: 'v1', document, createDate: policy.createDate }],
      defaultVersionId: 'v1',
      nextVersionNumber: 2,
    }),
  );
  return { ...snapshot, format: IAM_SNAPSHOT_FORMAT, policies };
}
