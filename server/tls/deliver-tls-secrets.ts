// Delivers the org's and the cluster's certificates to one connected cluster: a TLS Secret per
// listed namespace and scope, applied server-side (field manager zonekeeper) in place, so the
// Secret goes from one valid certificate straight to the next. Secrets of namespaces no longer
// listed, and all of a deleted cluster's, are removed. Each Secret's state is recorded with what
// it holds and when it got it; a failure is recorded in words and tried again after a wait.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Cluster, Organization, TlsCertificate, TlsDelivery } from '@/db/rows';
import { TLS_CERTIFICATE_SCOPES, type TlsCertificateScope } from '@/db/schema/enums';
import { recordAuditEvent } from '../audit/record-audit-event';
import { connectToCluster, type KubeCluster } from '../cloud/kube';
import { findOrgAuthority, type TlsContext } from './ensure-org-authority';
import { explainTlsDeliveryFailure } from './explain-tls-delivery-failure';
import { findActiveCertificate } from './issue-certificate';
import { PRIVATE_KEY_FIELD, TLS_SECRET_NAMES } from './tls-names';
import { tlsSecret, tlsSecretReference } from './tls-secret';

export interface TlsDeliveryContext extends TlsContext {
  kubeTimeoutMs: number;
}

/** How long a Secret whose delivery failed waits before the reconciler tries it again. */
export const TLS_RETRY_MS = 30_000;

interface Work {
  kind: 'apply' | 'remove';
  scope: TlsCertificateScope;
  namespace: string;
  certificate: TlsCertificate | null;
}

export interface TlsDeliveryOutcome {
  namespace: string;
  secretName: string;
  kind: Work['kind'];
  ok: boolean;
  explanation?: string;
}

export async function deliverTlsSecrets(
  ctx: TlsDeliveryContext,
  org: Organization,
  cluster: Cluster,
  now: Date,
): Promise<TlsDeliveryOutcome[]> {
  if (cluster.connectionKind !== 'kubeconfig' || !cluster.kubeconfigVaultPath) return [];
  const d = ctx.store.t.tlsDeliveries;
  const rows = await ctx.store.db
    .select()
    .from(d)
    .where(and(eq(d.orgId, org.id), eq(d.clusterId, cluster.id)));
  const work = await plannedWork(ctx, org, cluster, rows, now);
  if (work.length === 0) return [];

  const kubeconfig = (await ctx.vault.readSecret(cluster.kubeconfigVaultPath))?.data.kubeconfig;
  let api: KubeCluster | null = null;
  try {
    if (kubeconfig) api = connectToCluster(kubeconfig, { timeoutMs: ctx.kubeTimeoutMs });
  } catch {
    // A kubeconfig that no longer loads counts as missing; registering again replaces it.
  }
  const authority = await findOrgAuthority(ctx.store, org);
  const outcomes: TlsDeliveryOutcome[] = [];
  for (const item of work) {
    let explanation: string | undefined;
    try {
      if (!api) throw new MissingKubeconfig();
      if (item.kind === 'remove')
        await api.remove([tlsSecretReference(item.scope, item.namespace)]);
      else await api.apply([await secretFor(ctx, org, item, authority?.certificatePem)]);
    } catch (error) {
      explanation =
        error instanceof MissingKubeconfig
          ? cluster.deletedAt
            ? `${cluster.name} is deleted and its kubeconfig is gone from Vault: delete the Secret yourself (kubectl -n ${item.namespace} delete secret ${TLS_SECRET_NAMES[item.scope]}).`
            : `The kubeconfig of ${cluster.name} is missing from Vault or unusable: register the cluster again.`
          : error instanceof MissingKey
            ? `${error.message}; renew the certificate ("zk tls renew").`
            : explainTlsDeliveryFailure(error, cluster.name, item.namespace);
    }
    // A deleted cluster Zonekeeper can no longer reach is left to a person: no more retries.
    const retry = !(cluster.deletedAt && !api);
    await record(ctx, org, cluster, item, now, explanation, retry);
    outcomes.push({
      namespace: item.namespace,
      secretName: TLS_SECRET_NAMES[item.scope],
      kind: item.kind,
      ok: explanation === undefined,
      explanation,
    });
  }
  return outcomes;
}

class MissingKubeconfig extends Error {}

async function plannedWork(
  ctx: TlsDeliveryContext,
  org: Organization,
  cluster: Cluster,
  rows: TlsDelivery[],
  now: Date,
): Promise<Work[]> {
  // A failure waits for its retry time; one recorded without a retry time is not tried again.
  const waiting = (row: TlsDelivery | undefined) =>
    row?.state === 'failed' && (row.retryAt === null || row.retryAt > now);
  const rowFor = (scope: TlsCertificateScope, namespace: string) =>
    rows.find((r) => r.namespace === namespace && r.secretName === TLS_SECRET_NAMES[scope]);
  const work: Work[] = [];
  const wanted = new Set<string>();
  if (!cluster.deletedAt) {
    for (const scope of TLS_CERTIFICATE_SCOPES) {
      const certificate = await findActiveCertificate(
        ctx,
        org,
        scope === 'org' ? { scope } : { scope, cluster },
      );
      if (!certificate) continue;
      for (const namespace of cluster.tlsNamespaces) {
        wanted.add(`${namespace}/${TLS_SECRET_NAMES[scope]}`);
        const row = rowFor(scope, namespace);
        const current = row?.state === 'delivered' && row.certificateId === certificate.id;
        if (!current && !waiting(row)) work.push({ kind: 'apply', scope, namespace, certificate });
      }
    }
  }
  // In the order Secrets are delivered: namespace by namespace, the org's first.
  const order = (row: TlsDelivery) =>
    `${row.namespace}/${TLS_CERTIFICATE_SCOPES.indexOf(row.scope)}`;
  for (const row of [...rows].sort((a, b) => order(a).localeCompare(order(b)))) {
    if (row.state === 'removed' || wanted.has(`${row.namespace}/${row.secretName}`)) continue;
    if (waiting(row)) continue;
    work.push({ kind: 'remove', scope: row.scope, namespace: row.namespace, certificate: null });
  }
  return work;
}

async function secretFor(
  ctx: TlsDeliveryContext,
  org: Organization,
  item: Work,
  caCertificatePem: string | undefined,
) {
  const certificate = item.certificate!;
  const privateKeyPem = (await ctx.vault.readSecret(certificate.vaultPath))?.data[
    PRIVATE_KEY_FIELD
  ];
  if (!privateKeyPem || !caCertificatePem) throw new MissingKey(certificate.serial);
  return tlsSecret({
    scope: item.scope,
    namespace: item.namespace,
    orgSlug: org.slug,
    serial: certificate.serial,
    notAfter: certificate.notAfter,
    certificatePem: certificate.certificatePem,
    caCertificatePem,
    privateKeyPem,
  });
}

class MissingKey extends Error {
  constructor(serial: string) {
    super(`The key of certificate ${serial} (or the org's CA) is missing from Vault`);
  }
}

async function record(
  ctx: TlsDeliveryContext,
  org: Organization,
  cluster: Cluster,
  item: Work,
  now: Date,
  explanation: string | undefined,
  retry: boolean,
): Promise<void> {
  const secretName = TLS_SECRET_NAMES[item.scope];
  const values =
    explanation !== undefined
      ? {
          state: 'failed' as const,
          lastError: explanation,
          retryAt: retry ? new Date(now.getTime() + TLS_RETRY_MS) : null,
        }
      : item.kind === 'apply'
        ? {
            state: 'delivered' as const,
            certificateId: item.certificate!.id,
            lastError: null,
            retryAt: null,
            deliveredAt: now,
          }
        : { state: 'removed' as const, certificateId: null, lastError: null, retryAt: null };
  await ctx.store.transaction(async (tx) => {
    const d = tx.t.tlsDeliveries;
    await tx.db
      .insert(d)
      .values({
        id: randomUUID(),
        orgId: org.id,
        clusterId: cluster.id,
        namespace: item.namespace,
        secretName,
        scope: item.scope,
        ...values,
      })
      .onConflictDoUpdate({ target: [d.clusterId, d.namespace, d.secretName], set: values });
    await recordAuditEvent(tx, {
      actor: ctx.actor,
      orgId: org.id,
      action:
        explanation !== undefined
          ? 'tls.delivery_failed'
          : item.kind === 'apply'
            ? 'tls.secret_delivered'
            : 'tls.secret_removed',
      target: `${cluster.name}/${item.namespace}/${secretName}`,
      outcome: explanation !== undefined ? 'failure' : 'success',
      detail: {
        uid: cluster.uid,
        serial: item.certificate?.serial ?? null,
        ...(explanation !== undefined ? { explanation } : {}),
      },
    });
  });
}
