// The sandbox ExternalDNS's outcome as a condition on its own Deployment's status, so that
// `kubectl describe deployment external-dns -n external-dns` (and whoever reads the cluster)
// sees why records are missing. Written straight to the store, as a controller writes status.
import type { JsonObject } from '../kube/field-paths';
import type { KubeStore } from '../kube/kube-store';

export const SYNCED_CONDITION = 'ExternalDNSSynced';

export interface SyncCondition {
  status: 'True' | 'False';
  /** Synced, RecordsSkipped, ChangesFailed, SyncFailed, InvalidArgs, NoCredentials. */
  reason: string;
  message: string;
}

/** Kubernetes keeps condition messages short; a long list is cut with a count of the rest. */
const MAX_MESSAGE = 1_000;

export function conditionMessage(lines: readonly string[]): string {
  let message = '';
  for (const [index, line] of lines.entries()) {
    const next = message ? `${message}; ${line}` : line;
    if (next.length > MAX_MESSAGE) return `${message}; and ${lines.length - index} more`;
    message = next;
  }
  return message;
}

/** Sets the condition unless it already reads the same; true when the Deployment was written. */
export function writeSyncCondition(
  store: KubeStore,
  resource: string,
  deployment: JsonObject,
  condition: SyncCondition,
  time: string,
): boolean {
  const status = (deployment.status ?? {}) as { conditions?: JsonObject[] };
  const conditions = status.conditions ?? [];
  const previous = conditions.find((existing) => existing.type === SYNCED_CONDITION);
  if (
    previous?.status === condition.status &&
    previous.reason === condition.reason &&
    previous.message === condition.message
  )
    return false;
  const next: JsonObject = {
    type: SYNCED_CONDITION,
    ...condition,
    lastUpdateTime: time,
    lastTransitionTime:
      previous && previous.status === condition.status ? previous.lastTransitionTime : time,
  };
  store.put(resource, {
    ...deployment,
    status: {
      ...status,
      conditions: [...conditions.filter((existing) => existing !== previous), next],
    },
  });
  return true;
}
