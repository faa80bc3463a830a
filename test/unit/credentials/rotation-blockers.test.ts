// Which clusters hold a rotation, decided from the rows alone: connected, live clusters that do
// not hold the verified key's Vault version block it; manual ones never do; the reason is in words.
import { describe, expect, it } from 'vitest';
import type { Cluster, IamCredential } from '@/db/rows';
import { blockersAmong, describeBlockers } from '@/server/credentials/rotation-blockers';

const credential = (values: Partial<IamCredential> = {}) =>
  ({
    status: 'ready',
    vaultVersion: 3,
    retiringAccessKeyId: 'AKIAOLD',
    ...values,
  }) as IamCredential;
const cluster = (name: string, values: Partial<Cluster> = {}) =>
  ({
    name,
    connectionKind: 'kubeconfig',
    externalDnsState: 'running',
    credentialsVaultVersion: 3,
    externalDnsError: null,
    externalDnsRetryAt: null,
    ...values,
  }) as Cluster;

describe('blockersAmong', () => {
  it('lets clusters that hold the current version through, and blocks the others with why', () => {
    const retryAt = new Date('2026-12-01T22:10:05Z');
    const blockers = blockersAmong(
      [
        cluster('current'),
        cluster('behind', { credentialsVaultVersion: 2 }),
        cluster('down', {
          credentialsVaultVersion: 2,
          externalDnsState: 'degraded',
          externalDnsError: 'The API of down is unreachable (ECONNREFUSED).',
          externalDnsRetryAt: retryAt,
        }),
        cluster('rolling', { credentialsVaultVersion: 2, externalDnsState: 'deploying' }),
        cluster('new', { credentialsVaultVersion: null, externalDnsState: 'not-deployed' }),
        cluster('manual', { connectionKind: 'manual', credentialsVaultVersion: null }),
      ],
      credential(),
    );
    expect(blockers).toEqual([
      { cluster: 'behind', reason: 'it holds key version 2, not 3', nextRetryAt: null },
      {
        cluster: 'down',
        reason: 'The API of down is unreachable (ECONNREFUSED).',
        nextRetryAt: retryAt,
      },
      { cluster: 'rolling', reason: 'the new key is being rolled out', nextRetryAt: null },
      { cluster: 'new', reason: 'ExternalDNS is not delivered to it yet', nextRetryAt: null },
    ]);
    expect(describeBlockers(blockers.slice(1, 2))).toBe(
      'down (The API of down is unreachable (ECONNREFUSED); next retry at 22:10:05 UTC)',
    );
  });

  it('counts every connected cluster as blocking while the new key is not verified', () => {
    expect(
      blockersAmong([cluster('current')], credential({ status: 'pending' })).map((b) => b.cluster),
    ).toEqual(['current']);
  });
});
