// An org's TLS as the store knows it, for its certificates page and `zk tls list`: the CA, each
// current (or revoked) certificate with its days left, and where each is delivered. No key, no
// Vault path; the org's id is in every WHERE.
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type {
  TlsCertificateScope,
  TlsCertificateState,
  TlsDeliveryState,
  TlsKeyAlgorithm,
} from '@/db/schema/enums';
import { daysLeft, expiresSoon, renewalDueAt } from './renewal-due';

export interface TlsDeliveryView {
  cluster: string;
  namespace: string;
  secretName: string;
  state: TlsDeliveryState;
  /** The serial the Secret holds; an older one while a renewal is on its way. */
  serialHeld: string | null;
  deliveredAt: Date | null;
  lastError: string | null;
  retryAt: Date | null;
}

export interface TlsCertificateView {
  scope: TlsCertificateScope;
  /** The org slug for the zone's certificate, else the cluster's name. */
  target: string;
  state: TlsCertificateState;
  serial: string;
  subject: string;
  issuer: string;
  dnsNames: string[];
  notBefore: Date;
  notAfter: Date;
  renewalDueAt: Date;
  daysLeft: number;
  expiresSoon: boolean;
  fingerprintSha256: string;
  revokedAt: Date | null;
  deliveries: TlsDeliveryView[];
}

export interface TlsAuthorityView {
  subject: string;
  serial: string;
  keyAlgorithm: TlsKeyAlgorithm;
  notAfter: Date;
  daysLeft: number;
  fingerprintSha256: string;
}

export interface OrgTlsView {
  authority: TlsAuthorityView | null;
  certificates: TlsCertificateView[];
}

export async function listCertificates(
  store: Store,
  org: Organization,
  now: Date = new Date(),
): Promise<OrgTlsView> {
  const { tlsAuthorities: a, tlsCertificates: c, tlsDeliveries: d, clusters: k } = store.t;
  const [authority] = await store.db.select().from(a).where(eq(a.orgId, org.id));
  const certificates = await store.db
    .select({ certificate: c, clusterName: k.name })
    .from(c)
    .leftJoin(k, and(eq(k.id, c.clusterId), eq(k.orgId, org.id)))
    .where(and(eq(c.orgId, org.id), ne(c.state, 'superseded')))
    // The zone's first, then the clusters' by name (revoked ones of deleted clusters last).
    .orderBy(desc(c.scope), asc(c.state), asc(k.name));
  const deliveries = await store.db
    .select({ delivery: d, clusterName: k.name, serialHeld: c.serial })
    .from(d)
    .innerJoin(k, and(eq(k.id, d.clusterId), eq(k.orgId, org.id)))
    .leftJoin(c, and(eq(c.id, d.certificateId), eq(c.orgId, org.id)))
    .where(eq(d.orgId, org.id))
    .orderBy(asc(k.name), asc(d.namespace));
  return {
    authority: authority
      ? {
          subject: authority.subject,
          serial: authority.serial,
          keyAlgorithm: authority.keyAlgorithm,
          notAfter: authority.notAfter,
          daysLeft: daysLeft(authority.notAfter, now),
          fingerprintSha256: authority.fingerprintSha256,
        }
      : null,
    certificates: certificates.map(({ certificate, clusterName }) => ({
      scope: certificate.scope,
      target: certificate.scope === 'org' ? org.slug : (clusterName ?? ''),
      state: certificate.state,
      serial: certificate.serial,
      subject: certificate.subject,
      issuer: certificate.issuer,
      dnsNames: certificate.dnsNames,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      renewalDueAt: renewalDueAt(certificate),
      daysLeft: daysLeft(certificate.notAfter, now),
      expiresSoon: certificate.state === 'active' && expiresSoon(certificate.notAfter, now),
      fingerprintSha256: certificate.fingerprintSha256,
      revokedAt: certificate.revokedAt,
      deliveries: deliveries
        .filter(
          ({ delivery }) =>
            delivery.scope === certificate.scope &&
            (certificate.scope === 'org' || delivery.clusterId === certificate.clusterId),
        )
        .map(({ delivery, clusterName: cluster, serialHeld }) => ({
          cluster,
          namespace: delivery.namespace,
          secretName: delivery.secretName,
          state: delivery.state,
          serialHeld: serialHeld ?? null,
          deliveredAt: delivery.deliveredAt,
          lastError: delivery.lastError,
          retryAt: delivery.retryAt,
        })),
    })),
  };
}

/** The org's CA certificate (public) as PEM, or null before the reconciler has made it. */
export async function readCaCertificate(store: Store, org: Organization): Promise<string | null> {
  const a = store.t.tlsAuthorities;
  const [authority] = await store.db
    .select({ pem: a.certificatePem })
    .from(a)
    .where(eq(a.orgId, org.id));
  return authority?.pem ?? null;
}
