// "Renew now": issues a new certificate for the org zone and every live cluster (or one cluster)
// at once; the reconciler delivers them in place of the old ones, which stay valid (and in the
// clusters) until then. Refused before the reconciler has made the org's CA.
import type { Organization } from '@/db/rows';
import { getVaultKv } from '../cloud/vault';
import { getClusterOrThrow } from '../clusters/get-cluster-or-throw';
import { getConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { findOrgAuthority, type TlsContext } from './ensure-org-authority';
import { clustersOfOrg } from './ensure-org-certificates';
import {
  findActiveCertificate,
  issueCertificate,
  type CertificateTarget,
} from './issue-certificate';

export interface RenewedCertificate {
  target: string;
  serial: string;
  replaces: string | null;
  notAfter: Date;
}

export async function renewCertificates(
  ctx: TlsContext,
  org: Organization,
  input: { cluster?: string },
  now: Date = new Date(),
): Promise<RenewedCertificate[]> {
  const authority = await findOrgAuthority(ctx.store, org);
  if (!authority) {
    throw new DomainError(
      'conflict',
      `${org.slug} has no CA yet: the reconciler makes it once the organization is ready.`,
    );
  }
  const targets: CertificateTarget[] = input.cluster
    ? [
        {
          scope: 'cluster',
          cluster: await getClusterOrThrow(ctx.store, { org, name: input.cluster }),
        },
      ]
    : [
        { scope: 'org' },
        ...(await clustersOfOrg(ctx, org))
          .filter((cluster) => !cluster.deletedAt)
          .map((cluster) => ({ scope: 'cluster' as const, cluster })),
      ];
  const renewed: RenewedCertificate[] = [];
  for (const target of targets) {
    const active = await findActiveCertificate(ctx, org, target);
    const issued = await issueCertificate(ctx, org, authority, target, { now, replacing: active });
    renewed.push({
      target: target.scope === 'org' ? org.slug : target.cluster.name,
      serial: issued.serial,
      replaces: active?.serial ?? null,
      notAfter: issued.notAfter,
    });
  }
  return renewed;
}

/** "Renew now" from a request: the process's Vault client and base domain. */
export function renewCertificatesNow(
  { store, actor, org }: Pick<TlsContext, 'store' | 'actor'> & { org: Organization },
  input: { cluster?: string },
): Promise<RenewedCertificate[]> {
  return renewCertificates(
    { store, actor, vault: getVaultKv(), baseDomain: getConfig().ZK_BASE_DOMAIN },
    org,
    input,
  );
}
