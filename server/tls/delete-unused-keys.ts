// Deletes from Vault the key of every revoked certificate, and of every superseded one that no
// Secret holds any more: a renewal keeps the old key while a cluster still serves with it (one
// that was unreachable), and lets it go once every Secret has the new one. The row keeps the
// certificate and notes when its key went; a failed delete is tried again next pass.
import { and, eq, isNull, notExists, or } from 'drizzle-orm';
import type { Organization } from '@/db/rows';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { TlsContext } from './ensure-org-authority';

export async function deleteUnusedKeys(
  ctx: TlsContext,
  org: Organization,
  now: Date,
): Promise<number> {
  const { tlsCertificates: c, tlsDeliveries: d } = ctx.store.t;
  const unused = await ctx.store.db
    .select()
    .from(c)
    .where(
      and(
        eq(c.orgId, org.id),
        isNull(c.keyDeletedAt),
        or(
          eq(c.state, 'revoked'),
          and(
            eq(c.state, 'superseded'),
            notExists(
              ctx.store.db
                .select({ id: d.id })
                .from(d)
                .where(and(eq(d.orgId, org.id), eq(d.certificateId, c.id))),
            ),
          ),
        ),
      ),
    );
  for (const certificate of unused) {
    await ctx.vault.deleteSecret(certificate.vaultPath);
    await ctx.store.transaction(async (tx) => {
      await tx.db
        .update(tx.t.tlsCertificates)
        .set({ keyDeletedAt: now })
        .where(eq(tx.t.tlsCertificates.id, certificate.id));
      await recordAuditEvent(tx, {
        actor: ctx.actor,
        orgId: org.id,
        action: 'vault.secret_deleted',
        target: certificate.vaultPath,
        outcome: 'success',
        detail: {
          serial: certificate.serial,
          reason: certificate.state === 'revoked' ? 'revoked' : 'superseded; no Secret holds it',
        },
      });
    });
  }
  return unused.length;
}
