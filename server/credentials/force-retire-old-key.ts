// A platform operator deletes a rotated-out key before every cluster holds the new one (a cluster
// gone for good, say). The clusters still on the old key stop publishing records until they get
// the new one, so the confirmation must name exactly those clusters: a cluster that started to
// block after the question was asked makes the request fail instead of breaking unannounced.
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors/domain-error';
import { deleteRetiringKey } from './retire-old-key';
import { credentialOf, rotationHoldOf, type RotationHold } from './rotation-blockers';

export interface ForcedRetirement {
  retiredAccessKeyId: string;
  /** The clusters left on the deleted key until the reconciler delivers the new one. */
  brokenClusters: string[];
}

/** What a forced retirement would do now: the key and the clusters that would break. */
export async function forcedRetirementPreview(
  store: Store,
  org: Organization,
): Promise<RotationHold> {
  const hold = await rotationHoldOf(store, org);
  if (!hold) {
    throw new DomainError('conflict', `${org.slug} has no rotated-out key waiting to be deleted.`);
  }
  const credential = await credentialOf(store, org);
  if (credential?.status !== 'ready') {
    throw new DomainError(
      'conflict',
      `${org.slug}'s new key is not verified yet, so the old key is its only working one; wait for the rotation (zk status --org ${org.slug}).`,
    );
  }
  return hold;
}

export async function forceRetireOldKey(
  { store, actor }: { store: Store; actor: Actor },
  org: Organization,
  { confirmClusters }: { confirmClusters: string[] },
): Promise<ForcedRetirement> {
  const hold = await forcedRetirementPreview(store, org);
  const breaking = hold.blockers.map((b) => b.cluster);
  const confirmed = [...new Set(confirmClusters.map((c) => c.trim()).filter(Boolean))].sort();
  if (confirmed.join(',') !== [...breaking].sort().join(',')) {
    throw new DomainError(
      'invalid_input',
      breaking.length === 0
        ? `No cluster waits for the new key any more; confirm with no clusters (or let the reconciler delete ${hold.retiringAccessKeyId}).`
        : `Deleting ${hold.retiringAccessKeyId} now breaks ${breaking.join(', ')}; confirm naming exactly these clusters.`,
    );
  }
  const credential = await credentialOf(store, org);
  await deleteRetiringKey(store, actor, org, credential!, {
    action: 'access_key.force_retired',
    detail: { brokenClusters: breaking },
  });
  return { retiredAccessKeyId: hold.retiringAccessKeyId, brokenClusters: breaking };
}
