// One cluster's TLS Secrets as its page shows them: the namespaces its admin listed, and per
// Secret what it holds (serial, until when), since when, and why the last delivery failed. Safe to
// send to a browser as JSON: dates as ISO text, no key and no Vault path.
import { and, asc, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Cluster } from '@/db/rows';
import type { TlsCertificateScope, TlsDeliveryState } from '@/db/schema/enums';
import { daysLeft } from './renewal-due';

export interface ClusterTlsDeliveryView {
  namespace: string;
  secretName: string;
  /** The zone's certificate or the cluster's own. */
  scope: TlsCertificateScope;
  state: TlsDeliveryState;
  /** What the Secret holds now; null before its first delivery. */
  serialHeld: string | null;
  notAfterHeld: string | null;
  daysLeftHeld: number | null;
  deliveredAt: string | null;
  lastError: string | null;
  retryAt: string | null;
}

export interface ClusterTlsView {
  namespaces: string[];
  deliveries: ClusterTlsDeliveryView[];
}

export async function loadClusterTlsView(
  store: Store,
  cluster: Cluster,
  now: Date = new Date(),
): Promise<ClusterTlsView> {
  const { tlsDeliveries: d, tlsCertificates: c } = store.t;
  const rows = await store.db
    .select({ delivery: d, serial: c.serial, notAfter: c.notAfter })
    .from(d)
    .leftJoin(c, and(eq(c.id, d.certificateId), eq(c.orgId, cluster.orgId)))
    .where(and(eq(d.orgId, cluster.orgId), eq(d.clusterId, cluster.id)))
    .orderBy(asc(d.namespace), asc(d.secretName));
  return {
    namespaces: cluster.tlsNamespaces,
    deliveries: rows.map(({ delivery, serial, notAfter }) => ({
      namespace: delivery.namespace,
      secretName: delivery.secretName,
      scope: delivery.scope,
      state: delivery.state,
      serialHeld: serial ?? null,
      notAfterHeld: notAfter ? notAfter.toISOString() : null,
      daysLeftHeld: notAfter ? daysLeft(notAfter, now) : null,
      deliveredAt: delivery.deliveredAt ? delivery.deliveredAt.toISOString() : null,
      lastError: delivery.lastError,
      retryAt: delivery.retryAt ? delivery.retryAt.toISOString() : null,
    })),
  };
}
