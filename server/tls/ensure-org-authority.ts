// The org's CA: made once (the key to Vault with check-and-set, then the public certificate to
// the store), and loaded for signing afterwards. Only the reconciler makes CAs (under its lease),
// so two makers never race; a CA key in Vault that no row describes is left by a crash between
// the two writes and is replaced, with check-and-set on the version seen.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization, TlsAuthority } from '@/db/rows';
import type { TlsKeyAlgorithm } from '@/db/schema/enums';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { VaultKv } from '../cloud/vault';
import { DomainError } from '../errors/domain-error';
import { caCommonName, caVaultPath, PRIVATE_KEY_FIELD } from './tls-names';
import { createCertificateAuthority, type SigningAuthority } from './x509-certificates';

export interface TlsContext {
  store: Store;
  vault: VaultKv;
  actor: Actor;
  baseDomain: string;
}

export async function findOrgAuthority(store: Store, org: Organization) {
  const a = store.t.tlsAuthorities;
  const [authority] = await store.db.select().from(a).where(eq(a.orgId, org.id));
  return authority ?? null;
}

export async function ensureOrgAuthority(
  ctx: TlsContext,
  org: Organization,
  options: { now: Date; keyAlgorithm?: TlsKeyAlgorithm },
): Promise<TlsAuthority> {
  const existing = await findOrgAuthority(ctx.store, org);
  if (existing) return existing;
  const keyAlgorithm = options.keyAlgorithm ?? 'ecdsa-p256';
  const made = await createCertificateAuthority({
    commonName: caCommonName(org.slug, ctx.baseDomain),
    keyAlgorithm,
    now: options.now,
  });
  const vaultPath = caVaultPath(org.slug);
  const orphan = await ctx.vault.readSecret(vaultPath);
  const { version } = await ctx.vault.writeSecret(
    vaultPath,
    { [PRIVATE_KEY_FIELD]: made.privateKeyPem },
    { cas: orphan?.version ?? 0 },
  );
  return ctx.store.transaction(async (tx) => {
    const [authority] = await tx.db
      .insert(tx.t.tlsAuthorities)
      .values({
        id: randomUUID(),
        orgId: org.id,
        keyAlgorithm,
        subject: made.subject,
        serial: made.serial,
        certificatePem: made.certificatePem,
        fingerprintSha256: made.fingerprintSha256,
        notBefore: made.notBefore,
        notAfter: made.notAfter,
        vaultPath,
        vaultVersion: version,
      })
      .returning();
    await recordAuditEvent(tx, {
      actor: ctx.actor,
      orgId: org.id,
      action: 'tls.ca_created',
      target: org.slug,
      outcome: 'success',
      detail: { serial: made.serial, keyAlgorithm, notAfter: made.notAfter.toISOString() },
    });
    return authority!;
  });
}

/** The CA with its key from Vault, for signing; refuses a key that is not the row's version. */
export async function loadSigningAuthority(
  vault: VaultKv,
  authority: TlsAuthority,
): Promise<SigningAuthority> {
  const secret = await vault.readSecret(authority.vaultPath);
  const privateKeyPem = secret?.data[PRIVATE_KEY_FIELD];
  if (!secret || !privateKeyPem || secret.version !== authority.vaultVersion) {
    throw new DomainError(
      'conflict',
      `The CA key in Vault (${authority.vaultPath}) is missing or not the one its certificate was made with; nothing was issued.`,
    );
  }
  return {
    certificatePem: authority.certificatePem,
    privateKeyPem,
    keyAlgorithm: authority.keyAlgorithm,
  };
}
