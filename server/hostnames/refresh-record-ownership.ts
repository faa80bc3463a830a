// Gives every stored record of a zone the ownership its TXT registry records and the org's
// clusters say it has now, writing only the rows whose ownership changed.
import { eq, ne } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import { resolveOwnership } from './resolve-ownership';

export async function refreshRecordOwnership(
  store: Store,
  zone: { id: string; orgId: string },
): Promise<{ changed: number }> {
  const { dnsRecords: r, clusters: c } = store.t;
  const rows = await store.db.select().from(r).where(eq(r.hostedZoneId, zone.id));
  const clusters = await store.db.select().from(c).where(eq(c.orgId, zone.orgId));
  const others = await store.db.select({ uid: c.uid }).from(c).where(ne(c.orgId, zone.orgId));
  const verdicts = resolveOwnership({
    zoneRecords: rows.map((row) => ({
      name: row.name,
      type: row.type,
      setIdentifier: row.setIdentifier,
      values: row.values,
      alias: row.aliasTarget !== null,
    })),
    clusters: clusters.map((cluster) => ({
      id: cluster.id,
      name: cluster.name,
      uid: cluster.uid,
      status: cluster.status,
      txtPrefix: cluster.txtPrefix,
      txtSuffix: cluster.txtSuffix,
      wildcardReplacement: cluster.txtWildcardReplacement,
    })),
    otherOrgOwnerIds: new Set(others.map((other) => other.uid)),
  });
  let changed = 0;
  for (const [i, row] of rows.entries()) {
    const verdict = verdicts[i]!;
    const next = {
      ownership: verdict.status,
      ownerId: verdict.ownerId,
      resource: verdict.resource,
      clusterId: verdict.cluster?.id ?? null,
      ownershipReason: verdict.reason,
    };
    const same =
      row.ownership === next.ownership &&
      row.ownerId === next.ownerId &&
      row.resource === next.resource &&
      row.clusterId === next.clusterId &&
      row.ownershipReason === next.ownershipReason;
    if (same) continue;
    await store.db.update(r).set(next).where(eq(r.id, row.id));
    changed += 1;
  }
  return { changed };
}
