// The org page's view of an organization's provisioning, safe to send to a browser as JSON: dates
// as ISO text, every step of the current plan in order (also those not started yet), failures in
// words a person understands. It carries references only (key id, Vault path and version); the
// secret never leaves Vault.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type {
  CredentialStatus,
  DelegationState,
  DesiredState,
  ErrorClass,
  OrgStatus,
  StepStatus,
} from '@/db/schema/enums';
import { serviceLabel } from '../cloud/cloud-error';
import { rotationHoldOf } from '../credentials/rotation-blockers';
import { explainStepError } from './explain-step-error';
import { organizationStatus } from './org-status';
import { PROVISIONING_STEPS } from './provision-organization';
import { TEARDOWN_STEPS } from './teardown-steps';

export interface OrgStatusView {
  slug: string;
  status: OrgStatus;
  desiredState: DesiredState;
  /** When the view was read: ages are measured from it, so server and browser render alike. */
  readAt: string;
  /** The work under way is a key rotation (not a first provisioning): pages say so. */
  keyRotation: boolean;
  zone: {
    id: string | null;
    name: string;
    nameServers: string[];
    delegation: DelegationState;
    delegationCheckedAt: string | null;
  } | null;
  identity: {
    user: string;
    userArn: string | null;
    policy: string;
    policyArn: string | null;
    accessKeyId: string | null;
    accessKeyCreatedAt: string | null;
    accessKeyVerifiedAt: string | null;
    vaultPath: string;
    vaultVersion: number | null;
    status: CredentialStatus;
  } | null;
  steps: StepView[];
  /** A rotated-out key that waits for clusters to take the new one; null when none waits. */
  rotationHold: RotationHoldView | null;
}

export interface RotationHoldView {
  retiringAccessKeyId: string;
  /** Connected clusters that do not hold the new key yet, each with why and its next retry. */
  blockers: { cluster: string; reason: string; nextRetryAt: string | null }[];
  /** Not waited for: their admin applies the new Secret by hand. */
  manualClusters: string[];
}

export interface StepView {
  step: string;
  status: StepStatus;
  attempts: number;
  /** Why the step failed and when it is tried again; null unless it failed. */
  explanation: string | null;
  /** The failure as its adapter classified it (all safe to show); null unless it failed. */
  failure: StepFailureView | null;
  nextRetryAt: string | null;
}

export interface StepFailureView {
  /** "Route 53", "Vault"; null for Zonekeeper's own errors. */
  service: string | null;
  code: string | null;
  errorClass: ErrorClass;
  /** Whether it is expected to clear on its own. */
  retryable: boolean;
}

/**
 * `showAccountId`: whether ARNs keep the AWS account id. Viewers get them masked: the account id
 * names the platform's AWS account, which reading one org's zone does not require.
 */
export async function loadOrgStatusView(
  store: Store,
  org: Organization,
  { showAccountId, now = new Date() }: { showAccountId: boolean; now?: Date },
): Promise<OrgStatusView> {
  const status = await organizationStatus(store, org);
  const hold = await rotationHoldOf(store, org);
  const plan = org.desiredState === 'absent' ? TEARDOWN_STEPS : PROVISIONING_STEPS;
  const rows = new Map(status.steps.map((s) => [s.step, s]));
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  return {
    slug: status.slug,
    status: status.status,
    desiredState: status.desiredState,
    readAt: now.toISOString(),
    keyRotation: await keyRotationUnderWay(store, org),
    zone: status.zone && {
      id: status.zone.id,
      name: status.zone.name,
      nameServers: status.zone.nameServers,
      delegation: status.zone.delegation,
      delegationCheckedAt: iso(status.zone.delegationCheckedAt),
    },
    identity: status.identity && {
      ...status.identity,
      userArn: showAccountId ? status.identity.userArn : maskAccountId(status.identity.userArn),
      policyArn: showAccountId
        ? status.identity.policyArn
        : maskAccountId(status.identity.policyArn),
      accessKeyCreatedAt: iso(status.identity.accessKeyCreatedAt),
      accessKeyVerifiedAt: iso(status.identity.accessKeyVerifiedAt),
    },
    steps: plan.map(({ step }) => {
      const row = rows.get(step);
      const pending = { explanation: null, failure: null, nextRetryAt: null };
      if (!row) return { step, status: 'pending', attempts: 0, ...pending };
      const error = row.status === 'failed' ? row.error : null;
      return {
        step,
        status: row.status,
        attempts: row.attempts,
        explanation: error && explainStepError({ error, nextRetryAt: row.nextRetryAt }, now),
        failure: error && {
          service: error.service && serviceLabel(error.service),
          code: error.code,
          errorClass: error.errorClass,
          retryable: error.retryable,
        },
        nextRetryAt: iso(row.nextRetryAt),
      };
    }),
    rotationHold: hold && {
      retiringAccessKeyId: hold.retiringAccessKeyId,
      blockers: hold.blockers.map((b) => ({ ...b, nextRetryAt: iso(b.nextRetryAt) })),
      manualClusters: hold.manualClusters,
    },
  };
}

/** arn:aws:iam::123456789012:user/x -> arn:aws:iam::************:user/x */
export function maskAccountId(arn: string | null): string | null {
  return (
    arn?.replace(
      /^(arn:[^:]*:[^:]*:[^:]*:)(\d{12})(:)/,
      (_m, head: string, id: string, tail: string) => `${head}${'*'.repeat(id.length)}${tail}`,
    ) ?? null
  );
}

// A rotation runs from its request until the old key is deleted; a first provisioning has no
// request. Read from the audit trail, which records both ends.
async function keyRotationUnderWay(store: Store, org: Organization): Promise<boolean> {
  if (org.status !== 'provisioning' || org.desiredState !== 'present') return false;
  const t = store.t.auditEvents;
  const [latest] = await store.db
    .select({ action: t.action })
    .from(t)
    .where(
      and(
        eq(t.orgId, org.id),
        inArray(t.action, ['access_key.rotation_requested', 'access_key.deleted']),
      ),
    )
    .orderBy(desc(t.occurredAt))
    .limit(1);
  return latest?.action === 'access_key.rotation_requested';
}
