// Issues (or renews) the server certificate of one scope: the key goes to Vault at a path of its
// own first, then the store records it active and the one it replaces superseded, in one
// transaction. A Vault failure changes nothing; the old certificate stays active and delivered.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Cluster, Organization, TlsAuthority, TlsCertificate } from '@/db/rows';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { loadSigningAuthority, type TlsContext } from './ensure-org-authority';
import {
  certificateVaultPath,
  clusterCertificateNames,
  orgCertificateNames,
  PRIVATE_KEY_FIELD,
} from './tls-names';
import { issueServerCertificate } from './x509-certificates';

export type CertificateTarget = { scope: 'org' } | { scope: 'cluster'; cluster: Cluster };

export async function findActiveCertificate(
  ctx: Pick<TlsContext, 'store'>,
  org: Organization,
  target: CertificateTarget,
): Promise<TlsCertificate | null> {
  const c = ctx.store.t.tlsCertificates;
  const [found] = await ctx.store.db
    .select()
    .from(c)
    .where(
      and(
        eq(c.orgId, org.id),
        eq(c.state, 'active'),
        target.scope === 'org' ? isNull(c.clusterId) : eq(c.clusterId, target.cluster.id),
      ),
    );
  return found ?? null;
}

export async function issueCertificate(
  ctx: TlsContext,
  org: Organization,
  authority: TlsAuthority,
  target: CertificateTarget,
  options: { now: Date; lifetimeDays?: number; replacing: TlsCertificate | null },
): Promise<TlsCertificate> {
  const dnsNames =
    target.scope === 'org'
      ? orgCertificateNames(org.slug, ctx.baseDomain)
      : clusterCertificateNames(target.cluster.name, org.slug, ctx.baseDomain);
  const issued = await issueServerCertificate({
    authority: await loadSigningAuthority(ctx.vault, authority),
    dnsNames,
    now: options.now,
    lifetimeDays: options.lifetimeDays,
  });
  const vaultPath = certificateVaultPath(org.slug, issued.serial);
  const { version } = await ctx.vault.writeSecret(
    vaultPath,
    { [PRIVATE_KEY_FIELD]: issued.privateKeyPem },
    { cas: 0 },
  );
  const targetName = target.scope === 'org' ? org.slug : target.cluster.name;
  try {
    return await ctx.store.transaction(async (tx) => {
      const c = tx.t.tlsCertificates;
      if (options.replacing) {
        // Only one renewal of a certificate wins: the other finds it superseded already.
        const superseded = await tx.db
          .update(c)
          .set({ state: 'superseded' })
          .where(and(eq(c.id, options.replacing.id), eq(c.state, 'active')))
          .returning({ id: c.id });
        if (superseded.length === 0) {
          throw new DomainError(
            'conflict',
            `The certificate of ${targetName} was renewed meanwhile; nothing more was issued.`,
          );
        }
      }
      const [row] = await tx.db
        .insert(c)
        .values({
          id: randomUUID(),
          orgId: org.id,
          scope: target.scope,
          clusterId: target.scope === 'cluster' ? target.cluster.id : null,
          serial: issued.serial,
          subject: issued.subject,
          issuer: issued.issuer,
          dnsNames,
          certificatePem: issued.certificatePem,
          fingerprintSha256: issued.fingerprintSha256,
          notBefore: issued.notBefore,
          notAfter: issued.notAfter,
          vaultPath,
          vaultVersion: version,
        })
        .returning();
      await recordAuditEvent(tx, {
        actor: ctx.actor,
        orgId: org.id,
        action: options.replacing ? 'tls.certificate_renewed' : 'tls.certificate_issued',
        target: targetName,
        outcome: 'success',
        detail: {
          scope: target.scope,
          serial: issued.serial,
          replaces: options.replacing?.serial ?? null,
          notAfter: issued.notAfter.toISOString(),
        },
      });
      return row!;
    });
  } catch (error) {
    // The key of a certificate the store does not keep is of no use to anyone.
    await ctx.vault.deleteSecret(vaultPath).catch(() => {});
    throw error;
  }
}
