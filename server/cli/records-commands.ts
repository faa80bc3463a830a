// `zk records sync [--org <slug>]`, `zk records delete-orphans --org <slug> [--yes]` and
// `zk hostnames --org <slug> [--cluster <name>] [--status <s>] [--json]`: the record sync on
// demand, explicit orphan deletion, and the hostname map from the store.
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { RECORD_OWNERSHIPS, type RecordOwnership } from '@/db/schema/enums';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors/domain-error';
import { deleteOrphans, previewOrphanDeletion } from '../hostnames/delete-orphans';
import { listHostnames } from '../hostnames/list-hostnames';
import { syncOrgRecords } from '../hostnames/sync-org-records';

export async function recordsSyncCommand(store: Store, orgs: Organization[]): Promise<boolean> {
  const results = await syncOrgRecords(
    store,
    orgs.map((org) => org.id),
  );
  for (const r of results) {
    console.log(
      r.error
        ? `${r.slug}: not synced — ${r.error}`
        : `${r.slug}: ${r.listed} record sets in ${r.listCalls} calls; ${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.ownershipChanged} changed owner`,
    );
  }
  if (results.length === 0) console.log('No organization has a ready zone to sync.');
  return results.every((r) => !r.error);
}

export async function hostnamesCommand(
  store: Store,
  org: Organization,
  options: { cluster?: string; status?: string; json?: boolean },
): Promise<void> {
  const status = parseStatus(options.status);
  let clusterId: string | undefined;
  if (options.cluster) {
    const c = store.t.clusters;
    const [cluster] = await store.db
      .select({ id: c.id })
      .from(c)
      .where(and(eq(c.orgId, org.id), eq(c.name, options.cluster)));
    if (!cluster) {
      throw new DomainError('not_found', `${org.slug} has no cluster named "${options.cluster}".`);
    }
    clusterId = cluster.id;
  }
  const hostnames = await listHostnames(store, org.id, { clusterId, status });
  if (options.json) {
    for (const h of hostnames) {
      const { name, type, targets, ttl, status, ownerId, cluster, resource } = h;
      console.log(JSON.stringify({ name, type, targets, ttl, status, ownerId, cluster, resource }));
    }
    return;
  }
  if (hostnames.length === 0) {
    console.log(
      `No records of ${org.slug} match; run "npm run zk -- records sync --org ${org.slug}" to read the zone.`,
    );
    return;
  }
  for (const h of hostnames) {
    const owner = h.cluster ? ` ${h.cluster}` : '';
    const resource = h.resource ? ` ${h.resource}` : '';
    console.log(`${h.name} ${h.type} ${h.targets.join(',')} [${h.status}${owner}${resource}]`);
  }
}

/** Lists what would go; with --yes deletes exactly that list (refused if it changed meanwhile). */
export async function deleteOrphansCommand(
  context: { store: Store; actor: Actor },
  org: Organization,
  options: { yes?: boolean },
): Promise<void> {
  const preview = await previewOrphanDeletion(context.store, org);
  if (preview.records.length === 0) {
    console.log(`${org.slug} has no orphan records (as of its last sync).`);
    return;
  }
  for (const r of preview.records) {
    console.log(
      `${r.hostname} ${r.type} ${r.aliasTarget ?? r.values.join(',')} — ${r.reason ?? ''}`,
    );
  }
  if (preview.more) console.log('(more orphans follow; run again after this deletion)');
  if (!options.yes) {
    console.log(
      `${preview.records.length} record sets would be deleted; run again with --yes to delete them.`,
    );
    return;
  }
  const result = await deleteOrphans({ ...context, org }, preview.digest);
  console.log(`Deleted ${result.deleted} record sets in ${result.batches} change batches.`);
}

function parseStatus(raw: string | undefined): RecordOwnership | undefined {
  if (raw === undefined) return undefined;
  if ((RECORD_OWNERSHIPS as readonly string[]).includes(raw)) return raw as RecordOwnership;
  throw new DomainError(
    'invalid_input',
    `"${raw}" is not a record status; use one of ${RECORD_OWNERSHIPS.join(', ')}.`,
  );
}
