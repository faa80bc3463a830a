// `zk rotate-key --org <slug> [--no-wait]`: asks for a new access key and, unless --no-wait, sees
// the rotation through: the new key is made, stored in Vault and verified with STS, rolled out to
// every connected cluster, and the old one deleted. The CLI does the work itself when it can take
// the reconciler lease; while another replica (the app) holds it, that replica's loop does the
// work and the CLI waits for it. A cluster that cannot take the new key holds the old one: the
// CLI names it and exits 1. `--force-retire` deletes the old key anyway, once the operator has
// seen (and confirmed with --yes) which clusters break (docs/design.md, "Key rotation").
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { getConfig } from '../config/config';
import { forcedRetirementPreview, forceRetireOldKey } from '../credentials/force-retire-old-key';
import { requestKeyRotation } from '../credentials/request-key-rotation';
import { describeBlockers } from '../credentials/rotation-blockers';
import { reconcileUnderLease } from './reconcile-under-lease';

const POLL_MS = 500;

/** Returns the CLI exit code: 0 rotated (or requested, with `noWait`), 1 not done. */
export async function rotateKeyCommand(
  { store, actor }: { store: Store; actor: Actor },
  org: Organization,
  { noWait }: { noWait: boolean },
): Promise<0 | 1> {
  const before = await credentialOf(store, org);
  await requestKeyRotation({ store, actor }, org);
  if (noWait) {
    console.log(
      `Rotation of ${org.slug}'s key ${before?.accessKeyId ?? ''} requested; the reconciler (the app's, ` +
        `"npm run zk -- run" or "npm run zk -- reconcile --org ${org.slug}") makes the new key.`,
    );
    return 0;
  }
  const config = getConfig();
  // The new key may take ZK_KEY_VERIFY_TIMEOUT_MS to be accepted; a leader replica may first
  // finish its current pass and sleep one interval before it starts.
  const deadline =
    Date.now() +
    config.ZK_KEY_VERIFY_TIMEOUT_MS +
    config.ZK_RECONCILE_INTERVAL_MS +
    config.ZK_LEASE_TTL_MS +
    30_000;
  console.log(`Rotating ${org.slug}'s key ${before?.accessKeyId ?? ''}…`);
  for (;;) {
    const pass = await reconcileUnderLease(store, actor, {
      slugs: [org.slug],
      leaseTtlMs: config.ZK_LEASE_TTL_MS,
      leaseWaitMs: 0,
    });
    if (pass.ran) {
      const failed = pass.report.results.find((r) => r.outcome === 'failed');
      if (failed) return notDone(org, failed.error ?? 'the access-key step failed');
      // The gate tried every cluster that was due: those left hold the old key until their retry.
      const held = pass.retirements.find((r) => r.slug === org.slug && r.blockers.length > 0);
      if (held) {
        return notDone(
          org,
          `the new key is verified, but ${before?.accessKeyId ?? 'the old key'} stays until ` +
            `${describeBlockers(held.blockers)} ${held.blockers.length === 1 ? 'holds' : 'hold'} the new one`,
        );
      }
    }
    const state = await rotationState(store, org, before?.accessKeyId ?? null);
    if (state.done) {
      console.log(
        `Rotated ${org.slug}'s key: ${state.accessKeyId} is in Vault and verified with STS; ` +
          `${before?.accessKeyId ?? 'the old key'} is deleted (every connected cluster holds the new key).`,
      );
      return 0;
    }
    if (state.failure) return notDone(org, state.failure);
    if (Date.now() > deadline) {
      return notDone(org, 'it is not done yet; "npm run zk -- status --org <slug>" follows it');
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function notDone(org: Organization, reason: string): 1 {
  console.error(
    `The rotation of ${org.slug}'s key is requested but did not finish: ${reason}. The reconciler retries it.`,
  );
  return 1;
}

async function credentialOf(store: Store, org: Organization) {
  const t = store.t.iamCredentials;
  const [credential] = await store.db.select().from(t).where(eq(t.orgId, org.id));
  return credential ?? null;
}

/**
 * Done when the access-key step finished with a verified key other than the old one and the gate
 * deleted the old key (it clears retiringAccessKeyId then). A failed step is reported with its
 * error.
 */
async function rotationState(store: Store, org: Organization, oldKeyId: string | null) {
  const credential = await credentialOf(store, org);
  const steps = store.t.provisioningSteps;
  const [step] = await store.db
    .select()
    .from(steps)
    .where(and(eq(steps.orgId, org.id), eq(steps.step, 'access-key')));
  const done =
    step?.status === 'ready' &&
    credential?.status === 'ready' &&
    credential.accessKeyVerifiedAt !== null &&
    credential.accessKeyId !== oldKeyId &&
    credential.retiringAccessKeyId === null;
  return {
    done,
    accessKeyId: credential?.accessKeyId ?? null,
    failure: step?.status === 'failed' ? (step.lastError ?? 'the access-key step failed') : null,
  };
}

/**
 * `zk rotate-key --org <slug> --force-retire [--yes]`: names the clusters still on the old key
 * first; without --yes that is all it does (exit 2), so nothing breaks unannounced.
 */
export async function forceRetireCommand(
  { store, actor }: { store: Store; actor: Actor },
  org: Organization,
  { yes }: { yes: boolean },
): Promise<0 | 2> {
  const hold = await forcedRetirementPreview(store, org);
  const breaking = hold.blockers.map((b) => b.cluster);
  console.log(
    breaking.length === 0
      ? `Deleting ${org.slug}'s old key ${hold.retiringAccessKeyId} breaks no connected cluster.`
      : `Deleting ${org.slug}'s old key ${hold.retiringAccessKeyId} now breaks these clusters until they get the new key: ` +
          describeBlockers(hold.blockers),
  );
  if (hold.manualClusters.length > 0) {
    console.log(
      `Manual clusters (${hold.manualClusters.join(', ')}) are not waited for: their admin applies the new Secret ` +
        `("zk externaldns manifest --org ${org.slug} --cluster <name> --with-secret").`,
    );
  }
  if (!yes) {
    console.error('Nothing deleted: add --yes to delete the old key anyway.');
    return 2;
  }
  const done = await forceRetireOldKey({ store, actor }, org, { confirmClusters: breaking });
  console.log(
    `Deleted ${done.retiredAccessKeyId}.` +
      (done.brokenClusters.length > 0
        ? ` ${done.brokenClusters.join(', ')} ${done.brokenClusters.length === 1 ? 'gets' : 'get'} the new key when the reconciler reaches ${done.brokenClusters.length === 1 ? 'it' : 'them'}.`
        : ''),
  );
  return 0;
}
