// Brings one org's certificates to what they should be at `now`: a CA, an active certificate for
// the zone and for each live cluster, each renewed once two thirds of its lifetime have passed,
// and the certificate of each deleted cluster revoked. Each
// certificate on its own: one that cannot be issued does not hold up the others.
import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Cluster, Organization } from '@/db/rows';
import type { TlsKeyAlgorithm } from '@/db/schema/enums';
import { recordAuditEvent } from '../audit/record-audit-event';
import { logger } from '../log/logger';
import { ensureOrgAuthority, type TlsContext } from './ensure-org-authority';
import {
  findActiveCertificate,
  issueCertificate,
  type CertificateTarget,
} from './issue-certificate';
import { isRenewalDue } from './renewal-due';

export interface CertificateOptions {
  now: Date;
  lifetimeDays?: number;
  keyAlgorithm?: TlsKeyAlgorithm;
}

export async function ensureOrgCertificates(
  ctx: TlsContext,
  org: Organization,
  clusters: Cluster[],
  options: CertificateOptions,
): Promise<void> {
  const authority = await ensureOrgAuthority(ctx, org, options);
  const targets: CertificateTarget[] = [
    { scope: 'org' },
    ...clusters
      .filter((cluster) => !cluster.deletedAt)
      .map((cluster) => ({ scope: 'cluster' as const, cluster })),
  ];
  for (const target of targets) {
    try {
      const active = await findActiveCertificate(ctx, org, target);
      if (active && !isRenewalDue(active, options.now)) continue;
      await issueCertificate(ctx, org, authority, target, { ...options, replacing: active });
    } catch (error) {
      // The old certificate stays active and delivered; the next pass tries again.
      logger.error('tls: issuing a certificate failed', {
        org: org.slug,
        target: target.scope === 'org' ? org.slug : target.cluster.name,
        error,
      });
    }
  }
  await revokeCertificatesOfDeletedClusters(ctx, org, options.now);
}

async function revokeCertificatesOfDeletedClusters(
  ctx: TlsContext,
  org: Organization,
  now: Date,
): Promise<void> {
  const c = ctx.store.t.tlsCertificates;
  const k = ctx.store.t.clusters;
  const due = await ctx.store.db
    .select({ certificate: c, clusterName: k.name })
    .from(c)
    .innerJoin(k, eq(k.id, c.clusterId))
    .where(and(eq(c.orgId, org.id), eq(c.state, 'active'), isNotNull(k.deletedAt)));
  for (const { certificate, clusterName } of due) {
    await ctx.store.transaction(async (tx) => {
      const t = tx.t.tlsCertificates;
      const revoked = await tx.db
        .update(t)
        .set({ state: 'revoked', revokedAt: now })
        .where(and(eq(t.id, certificate.id), eq(t.state, 'active')))
        .returning({ id: t.id });
      if (revoked.length === 0) return;
      await recordAuditEvent(tx, {
        actor: ctx.actor,
        orgId: org.id,
        action: 'tls.certificate_revoked',
        target: clusterName,
        outcome: 'success',
        detail: { serial: certificate.serial, reason: 'cluster deleted' },
      });
    });
    // Its Secrets go in the delivery step, its key with the unused ones (delete-unused-keys.ts).
  }
}

/**
 * The org's live clusters, and its deleted ones that still hold an active certificate or a TLS
 * Secret not yet removed (the org's id in every WHERE).
 */
export async function clustersOfOrg(ctx: Pick<TlsContext, 'store'>, org: Organization) {
  const k = ctx.store.t.clusters;
  const c = ctx.store.t.tlsCertificates;
  const d = ctx.store.t.tlsDeliveries;
  const live = await ctx.store.db
    .select()
    .from(k)
    .where(and(eq(k.orgId, org.id), isNull(k.deletedAt)));
  const withCertificate = await ctx.store.db
    .selectDistinct({ cluster: k })
    .from(k)
    .innerJoin(c, and(eq(c.clusterId, k.id), eq(c.state, 'active')))
    .where(and(eq(k.orgId, org.id), isNotNull(k.deletedAt)));
  const withSecrets = await ctx.store.db
    .selectDistinct({ cluster: k })
    .from(k)
    .innerJoin(d, and(eq(d.clusterId, k.id), ne(d.state, 'removed')))
    .where(and(eq(k.orgId, org.id), isNotNull(k.deletedAt)));
  const deleted = new Map(
    [...withCertificate, ...withSecrets].map(({ cluster }) => [cluster.id, cluster]),
  );
  return [...live, ...deleted.values()];
}
