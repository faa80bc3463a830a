// What every provisioning step works with: the store, who acts, the installation's names, the
// Vault client, the reconciler lease the pass runs under, and per-pass caches (parent zone id, the
// zones that exist under the base domain).
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import type { AuditAction } from '../audit/audit-actions';
import { recordAuditEvent } from '../audit/record-audit-event';
import { getConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { fqdn, listZonesUnder, type HostedZoneSummary } from '../cloud/route53';
import { getVaultKv, type VaultKv } from '../cloud/vault';
import { DelegationBatcher } from './delegation-batcher';
import type { LeaseGuard } from './lease-guard';
import { orgResourceNames, type OrgResourceNames } from './org-resource-names';

export interface ProvisioningContext {
  store: Store;
  actor: Actor;
  baseDomain: string;
  vault: VaultKv;
  awsRegion: string;
  keyVerifyTimeoutMs: number;
  /** Checked before each change; absent when the caller runs no lease (tests, benchmarks, plan). */
  lease?: LeaseGuard;
  parentZoneId(): Promise<string>;
  /** Zones under the base domain by fully qualified name, listed once per pass. */
  zoneInventory(): Promise<Map<string, HostedZoneSummary[]>>;
  delegations: DelegationBatcher;
}

export interface OrgWork {
  ctx: ProvisioningContext;
  org: Organization;
  names: OrgResourceNames;
}

export function createProvisioningContext(
  store: Store,
  actor: Actor,
  lease?: LeaseGuard,
): ProvisioningContext {
  const config = getConfig();
  let inventory: Promise<Map<string, HostedZoneSummary[]>> | undefined;
  let parent: Promise<string> | undefined;
  const parentZoneId = () => {
    parent ??= resolveParentZoneId(config.ZK_BASE_DOMAIN, config.ZK_PARENT_ZONE_ID);
    parent.catch(() => (parent = undefined));
    return parent;
  };
  return {
    store,
    actor,
    baseDomain: config.ZK_BASE_DOMAIN,
    vault: getVaultKv(),
    awsRegion: config.AWS_REGION,
    keyVerifyTimeoutMs: config.ZK_KEY_VERIFY_TIMEOUT_MS,
    lease,
    parentZoneId,
    zoneInventory: () => {
      inventory ??= listZonesUnder(config.ZK_BASE_DOMAIN).then(groupByName);
      inventory.catch(() => (inventory = undefined));
      return inventory;
    },
    delegations: new DelegationBatcher(parentZoneId, lease),
  };
}

export function orgWork(ctx: ProvisioningContext, org: Organization): OrgWork {
  return { ctx, org, names: orgResourceNames(org, ctx.baseDomain) };
}

/**
 * Runs `record` in one store transaction with a work item bound to it: for a step's writes to
 * the store after its cloud call (the state and the audit event of the change), never for the
 * cloud call itself.
 */
export function inTransaction<T>(work: OrgWork, record: (work: OrgWork) => Promise<T>): Promise<T> {
  return work.ctx.store.transaction((store) => record({ ...work, ctx: { ...work.ctx, store } }));
}

/** One audit event for one change in Route 53, IAM or Vault. */
export async function auditChange(
  work: OrgWork,
  action: AuditAction,
  target: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent(work.ctx.store, {
    actor: work.ctx.actor,
    orgId: work.org.id,
    action,
    target,
    outcome: 'success',
    detail,
  });
}

async function resolveParentZoneId(baseDomain: string, configured: string | undefined) {
  if (configured) return configured.replace(/^\/hostedzone\//, '');
  const zones = (await listZonesUnder(baseDomain)).filter((z) => z.name === fqdn(baseDomain));
  if (zones.length !== 1) {
    throw new DomainError(
      'unavailable',
      zones.length === 0
        ? `No Route 53 zone named ${baseDomain} exists to delegate from; create it or set ZK_PARENT_ZONE_ID.`
        : `${zones.length} Route 53 zones are named ${baseDomain}; set ZK_PARENT_ZONE_ID to the one to delegate from.`,
    );
  }
  return zones[0]!.zoneId;
}

function groupByName(zones: HostedZoneSummary[]) {
  const byName = new Map<string, HostedZoneSummary[]>();
  for (const zone of zones) byName.set(zone.name, [...(byName.get(zone.name) ?? []), zone]);
  return byName;
}
