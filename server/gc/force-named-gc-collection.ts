// Force now, from a page: the operator types the zone's name, so a zone is never deleted ahead of
// its time by a click on the wrong row. The checks and the audit are forceGcCollection's.
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { GcDecision as GcDecisionRow } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors/domain-error';
import { forceGcCollection } from './force-gc-collection';
import { findOrgForGc } from './org-collection-state';

export async function forceNamedGcCollection(
  store: Store,
  actor: Actor,
  input: { orgSlug: string; confirm: string; now?: Date },
): Promise<GcDecisionRow> {
  const org = await findOrgForGc(store, input.orgSlug);
  const z = store.t.hostedZones;
  const [zone] = await store.db
    .select({ name: z.name })
    .from(z)
    .where(and(eq(z.orgId, org.id), isNull(z.deletedAt), eq(z.status, 'ready')));
  if (!zone) {
    throw new DomainError('conflict', `Not forced: ${org.slug} has no live zone to collect.`);
  }
  if (input.confirm.trim().replace(/\.$/, '').toLowerCase() !== zone.name.replace(/\.$/, '')) {
    throw new DomainError('invalid_input', 'Check the highlighted fields.', {
      confirm: [`Type the zone's name, ${zone.name}, to delete it now.`],
    });
  }
  return forceGcCollection(store, actor, { orgSlug: org.slug, now: input.now });
}
