// Whether a Deployment has rolled out, by the rule `kubectl rollout status` uses: the controller
// has seen the latest spec, and every replica is updated and available, none of the old left.
import type { V1Deployment } from '@kubernetes/client-node';

export function hasRolledOut(deployment: V1Deployment): boolean {
  const generation = deployment.metadata?.generation ?? 0;
  const status = deployment.status ?? {};
  const wanted = deployment.spec?.replicas ?? 1;
  return (
    (status.observedGeneration ?? 0) >= generation &&
    (status.updatedReplicas ?? 0) === wanted &&
    (status.replicas ?? 0) === wanted &&
    (status.availableReplicas ?? 0) === wanted
  );
}
