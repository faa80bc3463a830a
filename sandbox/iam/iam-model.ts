// The IAM entities the sandbox stores, in the JSON-serializable form its snapshots use.

export const IAM_SNAPSHOT_FORMAT = 'zonekeeper-sandbox-iam/1';

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
export interface IamPolicy {
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description?: string;
  document: string;
  createDate: number;
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
