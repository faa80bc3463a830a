// Registers a cluster of an organization: its name, ExternalDNS policy and TXT registry flags,
// and how Zonekeeper reaches it. A kubeconfig is checked against the live API before anything is
// stored, then kept in Vault only; the row keeps its path and version. The status token the
// platform reports with is returned once and stored as a hash.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '@/db/open-store';
import type { Cluster, Organization } from '@/db/rows';
import { EXTERNAL_DNS_POLICIES } from '@/db/schema/enums';
import { isUniqueViolation } from '@/db/unique-violation';
import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { VaultKv } from '../cloud/vault';
import { DomainError } from '../errors/domain-error';
import { fieldErrorsOf } from '../errors/field-errors';
import { logger } from '../log/logger';
import { explainTxtRegistryConfigProblem } from '../hostnames/registry-record-name';
import { clusterDomainFor, explainClusterNameProblem } from './cluster-name';
import {
  hashStatusToken,
  kubeconfigVaultPath,
  newClusterUid,
  newStatusToken,
} from './cluster-secrets';
import { verifyClusterConnection } from './verify-cluster-connection';

// An affix becomes part of DNS names: keep it to name characters (and ExternalDNS's template).
const TXT_AFFIX = /^[a-z0-9._%{}-]*$/;

export const registerClusterInput = z.object({
  name: z.string().trim(),
  policy: z.enum(EXTERNAL_DNS_POLICIES, 'Choose an ExternalDNS policy: sync or upsert-only.'),
  txtPrefix: z
    .string()
    .trim()
    .regex(TXT_AFFIX, 'A TXT prefix uses only a–z, 0–9, ".", "-" and %{record_type}.')
    .optional()
    .default(''),
  txtSuffix: z
    .string()
    .trim()
    .regex(TXT_AFFIX, 'A TXT suffix uses only a–z, 0–9, ".", "-" and %{record_type}.')
    .optional()
    .default(''),
  connection: z.discriminatedUnion(
    'kind',
    [
      z.object({
        kind: z.literal('kubeconfig'),
        kubeconfig: z.string().min(1, 'Paste the kubeconfig, or register the cluster as manual.'),
      }),
      z.object({ kind: z.literal('manual') }),
    ],
    'Choose a connection: a kubeconfig, or manual.',
  ),
});
export type RegisterClusterInput = z.input<typeof registerClusterInput>;
/** Input as a form or the CLI sends it: the policy unchecked, the schema says what is wrong. */
export type RegisterClusterRequest = Omit<RegisterClusterInput, 'policy'> & { policy: string };

export interface RegisterClusterContext {
  store: Store;
  actor: Actor;
  org: Organization;
  vault: VaultKv;
  baseDomain: string;
  /** How long the cluster's API may take to answer each check. */
  kubeTimeoutMs: number;
}

export interface RegisteredCluster {
  cluster: Cluster;
  /** Shown once: the platform reports the cluster's status with it. Never stored. */
  statusToken: string;
}

export async function registerCluster(
  ctx: RegisterClusterContext,
  rawInput: RegisterClusterRequest,
): Promise<RegisteredCluster> {
  const { store, actor, org } = ctx;
  const parsed = registerClusterInput.safeParse(rawInput);
  if (!parsed.success) {
    throw new DomainError(
      'invalid_input',
      'Check the highlighted fields.',
      fieldErrorsOf(parsed.error),
    );
  }
  const { name, policy, txtPrefix, txtSuffix, connection } = parsed.data;
  const nameProblem = explainClusterNameProblem(name, org.slug, ctx.baseDomain);
  if (nameProblem) throw fieldProblem('name', nameProblem);
  const txtProblem = explainTxtRegistryConfigProblem({
    prefix: txtPrefix,
    suffix: txtSuffix,
    wildcardReplacement: '',
  });
  if (txtProblem) throw fieldProblem('txtSuffix', txtProblem);
  await refuseTakenName(store, org, name);

  // Nothing is stored until the cluster has answered with these credentials.
  const uid = newClusterUid();
  let vaultRef: { path: string; version: number } | null = null;
  let server: string | null = null;
  if (connection.kind === 'kubeconfig') {
    const verified = await verifyClusterConnection(connection.kubeconfig, {
      timeoutMs: ctx.kubeTimeoutMs,
    });
    server = verified.server;
    const path = kubeconfigVaultPath(org.slug, uid);
    // cas 0: the path is this registration's own (it carries the new UID).
    const written = await ctx.vault.writeSecret(
      path,
      { kubeconfig: connection.kubeconfig },
      { cas: 0 },
    );
    vaultRef = { path, version: written.version };
  }

  const statusToken = newStatusToken();
  try {
    const cluster = await store.transaction(async (tx) => {
      const [created] = await tx.db
        .insert(tx.t.clusters)
        .values({
          id: randomUUID(),
          orgId: org.id,
          name,
          uid,
          externalDnsPolicy: policy,
          txtPrefix,
          txtSuffix,
          connectionKind: connection.kind,
          kubeconfigVaultPath: vaultRef?.path ?? null,
          kubeconfigVaultVersion: vaultRef?.version ?? null,
          statusTokenHash: hashStatusToken(statusToken),
        })
        .returning();
      if (!created) throw new Error('insert returned no row');
      await recordAuditEvent(tx, {
        actor,
        orgId: org.id,
        action: 'cluster.registered',
        target: name,
        outcome: 'success',
        detail: {
          uid,
          policy,
          connection: connection.kind,
          domain: clusterDomainFor(name, org.slug, ctx.baseDomain),
          ...(server ? { server } : {}),
        },
      });
      return created;
    });
    return { cluster, statusToken };
  } catch (error) {
    // No row, so no kubeconfig either: a secret nothing refers to is a leak waiting to happen.
    if (vaultRef) {
      const path = vaultRef.path;
      await ctx.vault.deleteSecret(path).catch((cleanupError: unknown) =>
        // The refusal below matters more to the caller; the path (no secret) is for an operator.
        logger.error('could not delete the kubeconfig of a failed registration', {
          path,
          error: cleanupError,
        }),
      );
    }
    if (isUniqueViolation(error)) throw takenName(org, name);
    throw error;
  }
}

async function refuseTakenName(store: Store, org: Organization, name: string): Promise<void> {
  const c = store.t.clusters;
  const [taken] = await store.db
    .select({ deletedAt: c.deletedAt })
    .from(c)
    .where(and(eq(c.orgId, org.id), eq(c.name, name)));
  if (taken) throw takenName(org, name, taken.deletedAt !== null);
}

function takenName(org: Organization, name: string, deleted = false): DomainError {
  return fieldProblem(
    'name',
    deleted
      ? `${org.slug} had a cluster named "${name}" (deleted; its records may still name it). Choose another name.`
      : `${org.slug} already has a cluster named "${name}". Choose another name.`,
    'conflict',
  );
}

function fieldProblem(
  field: string,
  message: string,
  code: 'invalid_input' | 'conflict' = 'invalid_input',
): DomainError {
  return new DomainError(code, 'Check the highlighted fields.', { [field]: [message] });
}
