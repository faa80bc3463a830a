// Sets the namespaces of a cluster that receive the TLS Secrets. Each must be a DNS label (what
// Kubernetes accepts as a namespace name); a bad one is refused with what to fix, nothing changed.
import { and, eq } from 'drizzle-orm';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import type { Store } from '@/db/open-store';
import { recordAuditEvent } from '../audit/record-audit-event';
import { getClusterOrThrow } from '../clusters/get-cluster-or-throw';
import { DomainError } from '../errors/domain-error';

const NAMESPACE_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const MAX_TLS_NAMESPACES = 20;

/** Why `namespaces` cannot be the cluster's TLS namespaces, in words; null when they can. */
export function explainTlsNamespacesProblem(namespaces: string[]): string | null {
  if (namespaces.length === 0) return 'List at least one namespace, e.g. "default".';
  if (namespaces.length > MAX_TLS_NAMESPACES)
    return `List at most ${MAX_TLS_NAMESPACES} namespaces; this list has ${namespaces.length}.`;
  const bad = namespaces.find((n) => !NAMESPACE_PATTERN.test(n));
  if (bad !== undefined)
    return `"${bad}" is not a namespace name: one DNS label of a–z, 0–9 and hyphens (at most 63, no hyphen at either end), e.g. "${
      bad
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'default'
    }".`;
  return null;
}

/** "default, web" or "default,web" into a list without blanks and duplicates. */
export function parseTlsNamespaces(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    ),
  ];
}

export async function setTlsNamespaces(
  { store, actor, org }: { store: Store; actor: Actor; org: Organization },
  input: { cluster: string; namespaces: string[] },
): Promise<string[]> {
  const problem = explainTlsNamespacesProblem(input.namespaces);
  if (problem) throw new DomainError('invalid_input', problem, { namespaces: [problem] });
  const cluster = await getClusterOrThrow(store, { org, name: input.cluster });
  await store.transaction(async (tx) => {
    const c = tx.t.clusters;
    await tx.db
      .update(c)
      .set({ tlsNamespaces: input.namespaces })
      .where(and(eq(c.id, cluster.id), eq(c.orgId, org.id)));
    await recordAuditEvent(tx, {
      actor,
      orgId: org.id,
      action: 'tls.namespaces_set',
      target: cluster.name,
      outcome: 'success',
      detail: { from: cluster.tlsNamespaces, to: input.namespaces },
    });
  });
  return input.namespaces;
}
