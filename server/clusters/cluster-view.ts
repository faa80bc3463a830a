// An org's clusters as pages and their live routes show them, safe to send to a browser as JSON:
// dates as ISO text, the kubeconfig never (only where it is kept in Vault), the failure of the
// last delivery in words. What the clusters table has no column for is read from the audit
// trail: the API server a registration was checked against, and when ExternalDNS was last
// applied. A cluster name is never reused in an org (deleted ones keep theirs), so the org and
// the name find one cluster's events.
import { and, desc, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type {
  ClusterConnectionKind,
  ClusterStatus,
  ExternalDnsPolicy,
  ExternalDnsState,
} from '@/db/schema/enums';
import { loadClusterTlsView, type ClusterTlsView } from '../tls/cluster-tls-view';
import { bundleObjectStates, type BundleObjectState } from './bundle-object-states';
import { clusterRemovalWork } from './cluster-removal';
import { DomainError } from '../errors/domain-error';

export interface ClusterRowView {
  name: string;
  uid: string;
  status: ClusterStatus;
  connection: ClusterConnectionKind;
  policy: ExternalDnsPolicy;
  txtPrefix: string;
  txtSuffix: string;
  externalDnsState: ExternalDnsState;
  /** Why the last delivery failed, in words, and when the reconciler tries again. */
  externalDnsError: string | null;
  externalDnsRetryAt: string | null;
  keyVersionHeld: number | null;
  lastAppliedAt: string | null;
  lastSeenAt: string | null;
  createdAt: string;
  deletedAt: string | null;
}

export interface ClusterListView {
  slug: string;
  readAt: string;
  /** The Vault version of the org's current key: what every connected cluster should hold. */
  orgKeyVersion: number | null;
  clusters: ClusterRowView[];
}

export interface ClusterDetailView extends ClusterListView {
  cluster: ClusterRowView & {
    /** Host (and port) of the API server; null for a manual cluster. */
    apiServerHost: string | null;
    /** Where the kubeconfig is kept: a reference, never its content. */
    kubeconfigVaultPath: string | null;
    kubeconfigVaultVersion: number | null;
    objects: BundleObjectState[];
    /** What deleting it leaves to be done, as the confirmation shows it. */
    removalSteps: string[];
    /** The TLS Secrets delivered to it, and the namespaces that get them. */
    tls: ClusterTlsView;
  };
}

export async function loadClusterListView(
  store: Store,
  org: Organization,
  now: Date = new Date(),
): Promise<ClusterListView> {
  const c = store.t.clusters;
  const rows = await store.db.select().from(c).where(eq(c.orgId, org.id)).orderBy(c.name);
  const applied = await latestEvents(store, org, 'externaldns.delivered');
  const views = rows
    .map((row) => ({
      name: row.name,
      uid: row.uid,
      status: row.status,
      connection: row.connectionKind,
      policy: row.externalDnsPolicy,
      txtPrefix: row.txtPrefix,
      txtSuffix: row.txtSuffix,
      externalDnsState: row.externalDnsState,
      externalDnsError: row.externalDnsError,
      externalDnsRetryAt: iso(row.externalDnsRetryAt),
      keyVersionHeld: row.credentialsVaultVersion,
      lastAppliedAt: iso(applied.get(row.name)?.occurredAt ?? null),
      lastSeenAt: iso(row.lastSeenAt),
      createdAt: row.createdAt.toISOString(),
      deletedAt: iso(row.deletedAt),
    }))
    // Deleted ones last: their names stay taken, but they are history.
    .sort((a, b) => Number(a.deletedAt !== null) - Number(b.deletedAt !== null));
  return {
    slug: org.slug,
    readAt: now.toISOString(),
    orgKeyVersion: await orgKeyVersion(store, org),
    clusters: views,
  };
}

export async function loadClusterDetailView(
  store: Store,
  org: Organization,
  name: string,
  now: Date = new Date(),
): Promise<ClusterDetailView> {
  const c = store.t.clusters;
  const [row] = await store.db
    .select()
    .from(c)
    .where(and(eq(c.orgId, org.id), eq(c.name, name)));
  const list = await loadClusterListView(store, org, now);
  const summary = list.clusters.find((cluster) => cluster.name === name);
  // A deleted cluster's page is gone like a missing one; the list keeps it as history.
  if (!row || !summary || row.deletedAt) {
    throw new DomainError('not_found', `${org.slug} has no cluster named "${name}".`);
  }
  const registered = (await latestEvents(store, org, 'cluster.registered')).get(name);
  const server = registered?.detail?.server;
  return {
    ...list,
    cluster: {
      ...summary,
      apiServerHost: typeof server === 'string' ? hostOf(server) : null,
      kubeconfigVaultPath: row.kubeconfigVaultPath,
      kubeconfigVaultVersion: row.kubeconfigVaultVersion,
      objects: bundleObjectStates(summary),
      removalSteps: clusterRemovalWork(row).steps,
      tls: await loadClusterTlsView(store, row, now),
    },
  };
}

async function orgKeyVersion(store: Store, org: Organization): Promise<number | null> {
  const k = store.t.iamCredentials;
  const [key] = await store.db
    .select({ version: k.vaultVersion })
    .from(k)
    .where(eq(k.orgId, org.id));
  return key?.version ?? null;
}

/** The newest event of one kind per cluster name. */
async function latestEvents(
  store: Store,
  org: Organization,
  action: 'externaldns.delivered' | 'cluster.registered',
) {
  const a = store.t.auditEvents;
  const events = await store.db
    .select({ target: a.target, occurredAt: a.occurredAt, detail: a.detail })
    .from(a)
    .where(and(eq(a.orgId, org.id), eq(a.action, action)))
    .orderBy(desc(a.occurredAt));
  const newest = new Map<string, (typeof events)[number]>();
  for (const event of events) if (!newest.has(event.target)) newest.set(event.target, event);
  return newest;
}

function hostOf(server: string): string | null {
  try {
    return new URL(server).host;
  } catch {
    return null;
  }
}

const iso = (value: Date | null) => value?.toISOString() ?? null;
