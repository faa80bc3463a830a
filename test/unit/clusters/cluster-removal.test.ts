// What a deleted cluster's removal says it does, and where it stands, in words.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '@/db/rows';
import { clusterRemovalWork, describeRemovalProgress } from '@/server/clusters/cluster-removal';

const idle = {
  removalState: null,
  removalRecordsFound: null,
  removalRecordsDeleted: 0,
  removalError: null,
  removalRetryAt: null,
  removedAt: null,
} satisfies Parameters<typeof describeRemovalProgress>[0];

describe('clusterRemovalWork', () => {
  it('says Zonekeeper removes ExternalDNS from a connected cluster, and who does it for a manual one', () => {
    const connected = clusterRemovalWork({ connectionKind: 'kubeconfig', uid: 'zkc-1' } as Cluster);
    expect(connected.connected).toBe(true);
    expect(connected.steps[0]).toMatch(/^Zonekeeper removes ExternalDNS from the cluster/);
    const manual = clusterRemovalWork({ connectionKind: 'manual', uid: 'zkc-2' } as Cluster);
    expect(manual.connected).toBe(false);
    expect(manual.steps[0]).toMatch(
      /remove ExternalDNS from it yourself.*kubectl delete namespace external-dns/,
    );
    expect(manual.steps[1]).toContain('records owned by zkc-2');
  });
});

describe('describeRemovalProgress', () => {
  it.each([
    [idle, null],
    [
      { ...idle, removalState: 'removing-externaldns' as const },
      'Removing ExternalDNS from the cluster…',
    ],
    [{ ...idle, removalState: 'deleting-records' as const }, 'Deleting its records…'],
    [
      {
        ...idle,
        removalState: 'deleting-records' as const,
        removalRecordsFound: 40,
        removalRecordsDeleted: 12,
      },
      'Deleting 40 records… (12 deleted)',
    ],
    [
      {
        ...idle,
        removalState: 'removing-externaldns' as const,
        removalError: 'The API of prod is unreachable (ECONNREFUSED).',
        removalRetryAt: new Date('2026-12-01T22:00:00Z'),
      },
      'Removing ExternalDNS from the cluster… The API of prod is unreachable (ECONNREFUSED). Next try 2026-12-01T22:00:00.000Z.',
    ],
    [
      {
        ...idle,
        removalState: 'done' as const,
        removalRecordsDeleted: 40,
        removedAt: new Date('2026-12-01T22:05:00Z'),
      },
      'Done at 2026-12-01T22:05:00.000Z: 40 records deleted.',
    ],
  ])('%j', (cluster, words) => {
    expect(describeRemovalProgress(cluster)).toBe(words);
  });
});
