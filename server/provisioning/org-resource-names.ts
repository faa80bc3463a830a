// The names of everything provisioned for an organization, all derived from the org and the
// installation (docs/design.md, "Names"), so a retry or another replica computes exactly the same
// ones.
import { createHash } from 'node:crypto';
import { zoneNameFor } from '../orgs/org-slug';

export const IAM_PATH = '/zonekeeper/';

/** A short hash of the base domain: two installations in one AWS account never collide. */
export function environmentHash(baseDomain: string): string {
  return createHash('sha256').update(baseDomain).digest('hex').slice(0, 8);
}

// IAM allows user names of at most 64 characters; `zonekeeper-<env>-` takes 20, and a slug may
// have 63. A slug that does not fit keeps its first characters (still readable in the console)
// and gains a hash of the whole slug after an underscore, which no slug contains, so a shortened
// name never equals another org's full one and stays the same on every retry.
const IAM_NAME_MAX = 64;

function iamNameFor(environment: string, slug: string): string {
  const prefix = `zonekeeper-${environment}-`;
  if (prefix.length + slug.length <= IAM_NAME_MAX) return `${prefix}${slug}`;
  const digest = createHash('sha256').update(slug).digest('hex').slice(0, 8);
  return `${prefix}${slug.slice(0, IAM_NAME_MAX - prefix.length - digest.length - 1)}_${digest}`;
}

export interface OrgResourceNames {
  zoneName: string;
  callerReference: string;
  iamUserName: string;
  policyName: string;
  /** The path inside the KV mount (the adapter adds `<mount>/data/`). */
  vaultPath: string;
}

export function orgResourceNames(
  org: { id: string; slug: string; generation: number },
  baseDomain: string,
): OrgResourceNames {
  const iamName = iamNameFor(environmentHash(baseDomain), org.slug);
  return {
    zoneName: zoneNameFor(org.slug, baseDomain),
    // Deterministic per intended zone (a retry gets HostedZoneAlreadyExists, never a twin);
    // a new generation (re-provisioning after deletion) intends a new zone. 36 + 12 < 128 bytes.
    callerReference: `zk-${org.id}-g${org.generation}`,
    iamUserName: iamName,
    policyName: iamName,
    vaultPath: `zonekeeper/orgs/${org.slug}/route53`,
  };
}

export function policyArnFor(accountId: string, policyName: string): string {
  return `arn:aws:iam::${accountId}:policy${IAM_PATH}${policyName}`;
}

/**
 * The org's IAM policy (docs/design.md, "Provisioning an organization", step 3): changes to this
 * one zone, plus the read calls ExternalDNS needs.
 */
export function zonePolicyDocument(zoneId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'route53:ChangeResourceRecordSets',
          'route53:ListResourceRecordSets',
          'route53:GetHostedZone',
          'route53:ListTagsForResources',
        ],
        Resource: [`arn:aws:route53:::hostedzone/${zoneId}`],
      },
      {
        Effect: 'Allow',
        Action: ['route53:ListHostedZones', 'route53:ListHostedZonesByName'],
        Resource: ['*'],
      },
      { Effect: 'Allow', Action: ['route53:GetChange'], Resource: ['arn:aws:route53:::change/*'] },
    ],
  });
}
