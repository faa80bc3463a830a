// The rollout rule of `kubectl rollout status`, on Deployment status snapshots.
import type { V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { hasRolledOut } from '@/server/cloud/kube-rollout';

const deployment = (generation: number, status: V1Deployment['status']): V1Deployment => ({
  metadata: { generation },
  spec: { replicas: 1, selector: {}, template: {} },
  status,
});

describe('hasRolledOut', () => {
  it.each([
    [
      'done',
      deployment(2, {
        observedGeneration: 2,
        replicas: 1,
        updatedReplicas: 1,
        availableReplicas: 1,
      }),
      true,
    ],
    [
      'spec not yet seen',
      deployment(3, {
        observedGeneration: 2,
        replicas: 1,
        updatedReplicas: 1,
        availableReplicas: 1,
      }),
      false,
    ],
    [
      'new pod not available',
      deployment(2, {
        observedGeneration: 2,
        replicas: 1,
        updatedReplicas: 1,
        availableReplicas: 0,
      }),
      false,
    ],
    [
      'old pod still there',
      deployment(2, {
        observedGeneration: 2,
        replicas: 2,
        updatedReplicas: 1,
        availableReplicas: 1,
      }),
      false,
    ],
    ['no status at all', deployment(1, undefined), false],
  ])('%s', (_, snapshot, expected) => {
    expect(hasRolledOut(snapshot)).toBe(expected);
  });
});
