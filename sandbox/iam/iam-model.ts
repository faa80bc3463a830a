// The IAM entities the sandbox stores, in the JSON-serializable form its snapshots use.

export const IAM_SNAPSHOT_FORMAT = 'zonekeeper-sandbox-iam/2';
/** Before policy versions: each policy held one document (read and upgraded at start). */
export const IAM_SNAPSHOT_FORMAT_V1 = 'zonekeeper-sandbox-iam/1';

export interface IamTag {
  key: string;
  value: string;
}
export interface IamUser {
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: number;
  tags: IamTag[];
  attachedPolicyArns: string[];
}
export interface IamPolicyVersion {
  /** `v1`, `v2`, …: IAM numbers versions in creation order and never reuses a deleted one's id. */
  versionId: string;
  document: string;
  createDate: number;
}
export interface IamPolicy {
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description?: string;
  /** At most five, oldest first; the default one is in effect. */
  versions: IamPolicyVersion[];
  defaultVersionId: string;
  /** The number the next version gets. */
  nextVersionNumber: number;
  createDate: number;
  /** When the newest version was created (IAM's UpdateDate). */
  updateDate: number;
  tags: IamTag[];
}
export type AccessKeyStatus = 'Active' | 'Inactive';
export interface IamAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  userName: string;
  status: AccessKeyStatus;
  createDate: number;
}

/** JSON-serializable state, written to ./data/sandbox/ by the composition. */
export interface IamSnapshot {
  format: typeof IAM_SNAPSHOT_FORMAT;
  accountId: string;
  users: IamUser[];
  policies: IamPolicy[];
  accessKeys: IamAccessKey[];
}
