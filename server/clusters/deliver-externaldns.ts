// Delivers ExternalDNS to one connected cluster: the bundle (with the org's current key) applied
// server-side under the zonekeeper field manager, then the Deployment watched until it has rolled
// out. Idempotent: applying the same bundle again changes nothing in the cluster. The cluster's
// state and the key version it holds are stored with an audit event, in one transaction; a
// failure leaves the key version it held before and says why.
import { eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster, Organization } from '@/db/rows';
import type { ExternalDnsState } from '@/db/schema/enums';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { connectToCluster } from '../cloud/kube';
import type { VaultKv } from '../cloud/vault';
import { DomainError } from '../errors/domain-error';
import { crashPoint } from '../provisioning/crash-point';
import { explainDeliveryFailure } from './explain-delivery-failure';
import {
  awsCredentialsSecret,
  EXTERNAL_DNS_NAME,
  EXTERNAL_DNS_NAMESPACE,
  externalDnsObjects,
} from './externaldns-bundle';
import { loadExternalDnsBundle } from './load-externaldns-bundle';

export interface DeliveryContext {
  store: Store;
  vault: VaultKv;
  actor: Actor;
  baseDomain: string;
  kubeTimeoutMs: number;
  /** How long a rollout may take before it counts as stuck. */
  rolloutTimeoutMs: number;
}

/** How long a cluster whose delivery failed waits before the reconciler tries it again. */
export const DELIVERY_RETRY_MS = 30_000;

export type DeliveryResult =
  | { ok: true; state: 'running'; keyVersion: number }
  | { ok: false; state: ExternalDnsState; explanation: string };

export async function deliverExternalDns(
  ctx: DeliveryContext,
  org: Organization,
  cluster: Cluster,
): Promise<DeliveryResult> {
  if (cluster.connectionKind !== 'kubeconfig' || !cluster.kubeconfigVaultPath) {
    throw new DomainError(
      'invalid_input',
      `${cluster.name} is a manual cluster: apply its manifest with "zk externaldns manifest".`,
    );
  }
  if (cluster.deletedAt) throw new DomainError('not_found', `${cluster.name} is deleted.`);
  const { input, key } = await loadExternalDnsBundle(ctx, org, cluster);
  const kubeconfig = (await ctx.vault.readSecret(cluster.kubeconfigVaultPath))?.data.kubeconfig;
  if (!kubeconfig) {
    return failed(
      ctx,
      org,
      cluster,
      'failed',
      'Its kubeconfig is missing from Vault: register the cluster again.',
    );
  }
  await setState(ctx.store, cluster, { externalDnsState: 'deploying' });
  const [namespace, ...rest] = externalDnsObjects(input);
  try {
    const api = connectToCluster(kubeconfig, { timeoutMs: ctx.kubeTimeoutMs });
    await api.apply([namespace!, awsCredentialsSecret(key), ...rest]);
    crashPoint('externaldns:secret-applied');
    await api.waitForRollout(EXTERNAL_DNS_NAMESPACE, EXTERNAL_DNS_NAME, ctx.rolloutTimeoutMs);
    crashPoint('externaldns:rolled-out');
  } catch (error) {
    // A cluster that ran ExternalDNS before keeps running its old pods: degraded, not gone.
    const state = cluster.externalDnsState === 'running' ? 'degraded' : 'failed';
    return failed(ctx, org, cluster, state, explainDeliveryFailure(error, cluster.name));
  }
  await ctx.store.transaction(async (tx) => {
    await setState(tx, cluster, {
      externalDnsState: 'running',
      credentialsVaultVersion: input.keyVersion,
      externalDnsError: null,
      externalDnsRetryAt: null,
    });
    await recordAuditEvent(tx, {
      actor: ctx.actor,
      orgId: org.id,
      action: 'externaldns.delivered',
      target: cluster.name,
      outcome: 'success',
      detail: { uid: cluster.uid, keyVersion: input.keyVersion, zoneId: input.zoneId },
    });
  });
  return { ok: true, state: 'running', keyVersion: input.keyVersion };
}

async function failed(
  ctx: DeliveryContext,
  org: Organization,
  cluster: Cluster,
  state: ExternalDnsState,
  explanation: string,
): Promise<DeliveryResult> {
  await ctx.store.transaction(async (tx) => {
    await setState(tx, cluster, {
      externalDnsState: state,
      externalDnsError: explanation,
      externalDnsRetryAt: new Date(Date.now() + DELIVERY_RETRY_MS),
    });
    await recordAuditEvent(tx, {
      actor: ctx.actor,
      orgId: org.id,
      action: 'externaldns.delivery_failed',
      target: cluster.name,
      outcome: 'failure',
      detail: { uid: cluster.uid, explanation },
    });
  });
  return { ok: false, state, explanation };
}

async function setState(
  store: Store,
  cluster: Cluster,
  values: {
    externalDnsState: ExternalDnsState;
    credentialsVaultVersion?: number;
    externalDnsError?: string | null;
    externalDnsRetryAt?: Date | null;
  },
): Promise<void> {
  await store.db.update(store.t.clusters).set(values).where(eq(store.t.clusters.id, cluster.id));
}
