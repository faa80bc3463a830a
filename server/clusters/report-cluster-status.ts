// The platform reports whether a cluster runs, with the cluster's own token. An unknown UID, a
// deleted cluster and a wrong token are one answer (unauthenticated), so UIDs cannot be probed.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { statusTokenMatches } from './cluster-secrets';

export const REPORTABLE_STATUSES = ['running', 'stopped'] as const;

export const clusterStatusReport = z.object({
  status: z.enum(REPORTABLE_STATUSES, 'Report a status of "running" or "stopped".'),
});

export interface ReportedStatus {
  uid: string;
  status: (typeof REPORTABLE_STATUSES)[number];
  lastSeenAt: Date;
}

export async function reportClusterStatus(
  store: Store,
  report: { uid: string; token: string | null; body: unknown },
  now: () => Date = () => new Date(),
): Promise<ReportedStatus> {
  const c = store.t.clusters;
  const [cluster] = await store.db.select().from(c).where(eq(c.uid, report.uid));
  if (
    !cluster ||
    cluster.deletedAt !== null ||
    report.token === null ||
    !statusTokenMatches(report.token, cluster.statusTokenHash)
  ) {
    throw new DomainError(
      'unauthenticated',
      "Send the cluster's status token as Authorization: Bearer <token>.",
    );
  }
  const parsed = clusterStatusReport.safeParse(report.body);
  if (!parsed.success) {
    throw new DomainError('invalid_input', parsed.error.issues[0]?.message ?? 'Bad status.');
  }
  const { status } = parsed.data;
  const lastSeenAt = now();
  await store.transaction(async (tx) => {
    await tx.db
      .update(tx.t.clusters)
      .set({ status, lastSeenAt })
      .where(eq(tx.t.clusters.id, cluster.id));
    await recordAuditEvent(tx, {
      actor: { type: 'system', label: `cluster:${cluster.uid}` },
      orgId: cluster.orgId,
      action: 'cluster.status_reported',
      target: cluster.name,
      outcome: 'success',
      detail: { uid: cluster.uid, from: cluster.status, to: status },
    });
  });
  return { uid: cluster.uid, status, lastSeenAt };
}
