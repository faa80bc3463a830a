// The org's iam_credentials row (names and references, never the secret), created on first use.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { IamCredential } from '@/db/rows';
import type { OrgWork } from '../provisioning-context';

export async function credentialRowOf(work: OrgWork): Promise<IamCredential> {
  const { store } = work.ctx;
  const t = store.t.iamCredentials;
  await store.db
    .insert(t)
    .values({
      id: randomUUID(),
      orgId: work.org.id,
      iamUserName: work.names.iamUserName,
      policyName: work.names.policyName,
      vaultPath: work.names.vaultPath,
    })
    .onConflictDoNothing();
  const [row] = await store.db.select().from(t).where(eq(t.orgId, work.org.id));
  if (!row) throw new Error('iam_credentials row vanished after insert');
  return row;
}

export async function updateCredentialRow(
  work: OrgWork,
  values: Partial<IamCredential>,
): Promise<void> {
  const t = work.ctx.store.t.iamCredentials;
  await work.ctx.store.db.update(t).set(values).where(eq(t.orgId, work.org.id));
}
