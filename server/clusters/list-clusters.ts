// An organization's clusters as the store knows them, deleted ones last (their UIDs stay taken).
import { asc, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { describeRemovalProgress } from './cluster-removal';
import type {
  ClusterConnectionKind,
  ClusterStatus,
  ExternalDnsPolicy,
  ExternalDnsState,
} from '@/db/schema/enums';

/** What a person may see of a cluster: no Vault path, no token hash. */
export interface ClusterSummary {
  name: string;
  uid: string;
  status: ClusterStatus;
  connection: ClusterConnectionKind;
  policy: ExternalDnsPolicy;
  externalDnsState: ExternalDnsState;
  txtPrefix: string;
  txtSuffix: string;
  keyVersionHeld: number | null;
  /** Why the last delivery failed, in words, and when the reconciler tries again. */
  externalDnsError: string | null;
  externalDnsRetryAt: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
  deletedAt: Date | null;
  /** Where a deleted cluster's removal stands, in words; null for a live cluster. */
  removal: string | null;
}

export async function listClusters(store: Store, org: Organization): Promise<ClusterSummary[]> {
  const c = store.t.clusters;
  const rows = await store.db.select().from(c).where(eq(c.orgId, org.id)).orderBy(asc(c.name));
  return rows
    .map((row) => ({
      name: row.name,
      uid: row.uid,
      status: row.status,
      connection: row.connectionKind,
      policy: row.externalDnsPolicy,
      externalDnsState: row.externalDnsState,
      txtPrefix: row.txtPrefix,
      txtSuffix: row.txtSuffix,
      keyVersionHeld: row.credentialsVaultVersion,
      externalDnsError: row.externalDnsError,
      externalDnsRetryAt: row.externalDnsRetryAt,
      lastSeenAt: row.lastSeenAt,
      createdAt: row.createdAt,
      deletedAt: row.deletedAt,
      removal: describeRemovalProgress(row),
    }))
    .sort((a, b) => Number(a.deletedAt !== null) - Number(b.deletedAt !== null));
}
