// `zk status` prints a failed step's explanation and, for an operator to search by, who answered
// with which code, its class and whether it clears on its own; a step without a failure, nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printStatus } from '@/server/cli/print-status';
import type { OrganizationStatus } from '@/server/provisioning/org-status';

const NOW = new Date('2026-08-14T09:30:00.000Z');

const status = (steps: OrganizationStatus['steps']): OrganizationStatus => ({
  slug: 'acme',
  status: 'failed',
  desiredState: 'present',
  lastError: 'Step "policy" failed: IAM: Rate exceeded (Throttling)',
  zone: null,
  identity: null,
  steps,
});

describe('printStatus', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints each step, with the classification of a failed one', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    printStatus(
      [
        status([
          { step: 'zone', status: 'ready', attempts: 1, error: null, nextRetryAt: null },
          {
            step: 'policy',
            status: 'failed',
            attempts: 3,
            nextRetryAt: new Date('2026-08-14T09:42:10.000Z'),
            error: {
              service: 'iam',
              code: 'Throttling',
              errorClass: 'throttled',
              retryable: true,
              message: 'Rate exceeded',
            },
          },
          {
            step: 'user',
            status: 'failed',
            attempts: 1,
            nextRetryAt: null,
            error: {
              service: null,
              code: null,
              errorClass: 'conflict',
              retryable: false,
              message: 'The IAM policy is not created yet.',
            },
          },
        ]),
      ],
      NOW,
    );
    expect(lines.slice(1)).toEqual([
      `  step ${'zone'.padEnd(20)} ready (attempts 1)`,
      `  step ${'policy'.padEnd(20)} failed (attempts 3) — IAM is rate-limiting us; retrying at 09:42 UTC. [IAM Throttling: throttled, clears on its own]`,
      `  step ${'user'.padEnd(20)} failed (attempts 1) — The IAM policy is not created yet. Retrying shortly. [Zonekeeper: conflict, does not clear on its own]`,
    ]);
  });

  it('names the rotated-out key while it waits for the clusters, and how to see which', () => {
    const identity = {
      user: 'zk-acme',
      userArn: 'arn:aws:iam::000000000000:user/zk-acme',
      policy: 'zk-acme-dns',
      policyArn: 'arn:aws:iam::000000000000:policy/zk-acme-dns',
      accessKeyId: 'AKIANEWKEY0000000002',
      retiringAccessKeyId: 'AKIAOLDKEY0000000001',
      accessKeyCreatedAt: NOW,
      accessKeyVerifiedAt: NOW,
      vaultPath: 'zonekeeper/orgs/acme/aws',
      vaultVersion: 2,
      status: 'ready' as const,
    };
    const print = (retiring: string | null) => {
      const lines: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
      printStatus(
        [{ ...status([]), identity: { ...identity, retiringAccessKeyId: retiring } }],
        NOW,
      );
      vi.restoreAllMocks();
      return lines;
    };
    expect(print('AKIAOLDKEY0000000001')).toContain(
      '  old key     AKIAOLDKEY0000000001 kept until every connected cluster holds v2; `zk rotate-key --org acme --force-retire` names the clusters it waits for',
    );
    expect(print(null).some((line) => line.includes('old key'))).toBe(false);
  });
});
