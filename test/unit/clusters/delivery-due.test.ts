// When the cluster pages keep polling fast: while the reconciler still owes a cluster ExternalDNS
// with the org's current key.
import { describe, expect, it } from 'vitest';
import { deliveryDue } from '@/components/clusters/delivery-due';
import type { ClusterRowView } from '@/server/clusters/cluster-view';

const CLUSTER: ClusterRowView = {
  name: 'prod',
  uid: 'zkc-000000000000000000000000',
  status: 'running',
  connection: 'kubeconfig',
  policy: 'sync',
  txtPrefix: '',
  txtSuffix: '',
  externalDnsState: 'running',
  externalDnsError: null,
  externalDnsRetryAt: null,
  keyVersionHeld: 2,
  lastAppliedAt: null,
  lastSeenAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  deletedAt: null,
};

describe('deliveryDue', () => {
  it.each([
    ['running with the current key', {}, 2, false],
    ['running with an older key (a rotation under way)', { keyVersionHeld: 1 }, 2, true],
    ['running, the org key version unknown', {}, null, false],
    ['deploying', { externalDnsState: 'deploying' }, 2, true],
    ['failed, waiting for its retry', { externalDnsState: 'failed' }, 2, true],
    ['not deployed yet', { externalDnsState: 'not-deployed', keyVersionHeld: null }, 2, true],
    ['manual', { connection: 'manual', externalDnsState: 'not-deployed' }, 2, false],
    ['deleted', { deletedAt: '2026-12-01T01:00:00.000Z', keyVersionHeld: 1 }, 2, false],
  ] as const)('%s: due %s', (_what, change, orgKeyVersion, due) => {
    expect(deliveryDue({ ...CLUSTER, ...change }, orgKeyVersion)).toBe(due);
  });
});
