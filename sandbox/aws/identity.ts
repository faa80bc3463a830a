// The contract between the sandbox's IAM (who a key belongs to, what its policies allow) and
// the services that need to know who is calling (Route 53, STS).

export const SANDBOX_ACCOUNT_ID = '123456789012';

export type Caller =
  | { kind: 'platform'; accessKeyId: string; arn: string; accountId: string; userId: string }
  | {
      kind: 'iam-user';
      accessKeyId: string;
      arn: string;
      accountId: string;
      userId: string;
      userName: string;
    };

export interface AwsIdentity {
  /**
   * The caller behind a SigV4 access key id, or undefined when the key is unknown, inactive,
   * deleted, or younger than the configured activation delay (IAM is eventually consistent).
   */
  resolveCaller(accessKeyId: string): Caller | undefined;
  /**
   * Whether the caller's attached policies allow `action` (e.g. 'route53:GetHostedZone') on
   * `resourceArn` (e.g. 'arn:aws:route53:::hostedzone/Z123'). The platform caller is allowed
   * everything; an explicit Deny wins over any Allow; no matching Allow means denied.
   */
  isAllowed(caller: Caller, action: string, resourceArn: string): boolean;
}
