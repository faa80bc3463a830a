// The Deployment controller, simulated: a new generation is observed at once with the rollout in
// progress (no updated replicas yet when the pod template changed), and a later step reports every
// replica updated, ready and available, so `kubectl rollout status` waits and then succeeds.
import { createHash } from 'node:crypto';
import { isJsonObject, type JsonObject } from './field-paths';

interface DeploymentStatus {
  observedGeneration: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions: JsonObject[];
}

const specOf = (deployment: JsonObject): JsonObject =>
  isJsonObject(deployment.spec) ? deployment.spec : {};

const desiredReplicas = (deployment: JsonObject): number => {
  const replicas = specOf(deployment).replicas;
  return typeof replicas === 'number' ? replicas : 1;
};

/** The name of the ReplicaSet a pod template gets: `<deployment>-<template hash>`. */
export function replicaSetName(deployment: JsonObject): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(specOf(deployment).template ?? {}))
    .digest('hex');
  const name = (deployment.metadata as JsonObject).name as string;
  return `${name}-${parseInt(hash.slice(0, 12), 16).toString(36).slice(0, 10)}`;
}

/** Kubernetes drops zero counts from the status (omitempty). */
const count = (value: number | undefined) => (value ? value : undefined);

function condition(
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  time: string,
  previous: JsonObject[],
): JsonObject {
  const before = previous.find((existing) => existing.type === type);
  const transitioned = !before || before.status !== status;
  return {
    type,
    status,
    lastUpdateTime: time,
    lastTransitionTime: transitioned ? time : before.lastTransitionTime,
    reason,
    message,
  };
}

function previousStatusOf(deployment: JsonObject): Partial<DeploymentStatus> {
  return isJsonObject(deployment.status) ? (deployment.status as Partial<DeploymentStatus>) : {};
}

/** The status right after a spec change: the new generation observed, the rollout under way. */
export function rolloutStartedStatus(
  deployment: JsonObject,
  templateChanged: boolean,
  time: string,
): DeploymentStatus {
  const previous = previousStatusOf(deployment);
  const desired = desiredReplicas(deployment);
  const available = Math.min(previous.availableReplicas ?? 0, desired);
  const updated = templateChanged ? 0 : Math.min(previous.updatedReplicas ?? 0, desired);
  const conditions = previous.conditions ?? [];
  const minimumAvailable = desired === 0 || available > 0;
  return {
    observedGeneration: (deployment.metadata as { generation: number }).generation,
    replicas: count(Math.max(previous.replicas ?? 0, updated)),
    updatedReplicas: count(updated),
    readyReplicas: count(Math.min(previous.readyReplicas ?? 0, desired)),
    availableReplicas: count(available),
    unavailableReplicas: count(desired - available),
    conditions: [
      minimumAvailable
        ? condition(
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
            time,
            conditions,
          )
        : condition(
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            time,
            conditions,
          ),
      condition(
        'Progressing',
        'True',
        'ReplicaSetUpdated',
        `ReplicaSet "${replicaSetName(deployment)}" is progressing.`,
        time,
        conditions,
      ),
    ],
  };
}

/** The status once every replica of the current template is up. */
export function rolloutCompletedStatus(deployment: JsonObject, time: string): DeploymentStatus {
  const previous = previousStatusOf(deployment);
  const desired = desiredReplicas(deployment);
  const conditions = previous.conditions ?? [];
  return {
    observedGeneration: (deployment.metadata as { generation: number }).generation,
    replicas: count(desired),
    updatedReplicas: count(desired),
    readyReplicas: count(desired),
    availableReplicas: count(desired),
    conditions: [
      condition(
        'Available',
        'True',
        'MinimumReplicasAvailable',
        'Deployment has minimum availability.',
        time,
        conditions,
      ),
      condition(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${replicaSetName(deployment)}" has successfully progressed.`,
        time,
        conditions,
      ),
    ],
  };
}

/** Whether the stored status still shows a rollout that has not finished. */
export function rolloutPending(deployment: JsonObject): boolean {
  const status = previousStatusOf(deployment);
  const desired = desiredReplicas(deployment);
  return (
    status.observedGeneration !== (deployment.metadata as { generation?: number }).generation ||
    (status.updatedReplicas ?? 0) !== desired ||
    (status.availableReplicas ?? 0) !== desired ||
    (status.replicas ?? 0) !== desired
  );
}
