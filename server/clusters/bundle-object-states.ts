// Every object of a cluster's ExternalDNS bundle and what Zonekeeper knows of its state, in the
// order delivery applies them. Read from the store (the last delivery's outcome), never from the
// cluster itself: pages do not call Kubernetes while they render.
import type { ClusterConnectionKind, ExternalDnsState } from '@/db/schema/enums';
import { AWS_SECRET_NAME, EXTERNAL_DNS_NAME, EXTERNAL_DNS_NAMESPACE } from './externaldns-bundle';

export interface BundleObjectState {
  kind: string;
  /** Null for cluster-scoped objects. */
  namespace: string | null;
  name: string;
  /** In words: applied, rolled out, being applied, not applied, or applied by hand. */
  state: string;
}

const OBJECTS = [
  { kind: 'Namespace', namespace: null, name: EXTERNAL_DNS_NAMESPACE },
  { kind: 'Secret', namespace: EXTERNAL_DNS_NAMESPACE, name: AWS_SECRET_NAME },
  { kind: 'ServiceAccount', namespace: EXTERNAL_DNS_NAMESPACE, name: EXTERNAL_DNS_NAME },
  { kind: 'ClusterRole', namespace: null, name: EXTERNAL_DNS_NAME },
  { kind: 'ClusterRoleBinding', namespace: null, name: EXTERNAL_DNS_NAME },
  { kind: 'Deployment', namespace: EXTERNAL_DNS_NAMESPACE, name: EXTERNAL_DNS_NAME },
] as const;

export function bundleObjectStates(cluster: {
  connection: ClusterConnectionKind;
  externalDnsState: ExternalDnsState;
  keyVersionHeld: number | null;
}): BundleObjectState[] {
  return OBJECTS.map((object) => ({ ...object, state: stateOf(object.kind, cluster) }));
}

function stateOf(
  kind: string,
  { connection, externalDnsState, keyVersionHeld }: Parameters<typeof bundleObjectStates>[0],
): string {
  if (connection === 'manual') {
    return kind === 'Secret'
      ? 'created by an operator (zk externaldns manifest --with-secret); Zonekeeper cannot see it'
      : 'applied by you from the manifest; Zonekeeper cannot see it';
  }
  const held = keyVersionHeld === null ? '' : ` (key version ${keyVersionHeld})`;
  switch (externalDnsState) {
    case 'running':
      if (kind === 'Deployment') return `rolled out${held}`;
      return kind === 'Secret' ? `applied${held}` : 'applied';
    case 'deploying':
      return 'being applied';
    case 'degraded':
      // The last delivery failed after an earlier one succeeded: the older objects stay.
      return `last apply failed; the earlier one stays in place${held}`;
    case 'failed':
      return 'not applied: the last delivery failed';
    case 'not-deployed':
      return 'not applied yet';
  }
}
