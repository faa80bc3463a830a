// The record deletion of a removed cluster under trouble, against the sandbox Route 53: the CLI
// killed after its first batch resumes and deletes every record exactly once; 20 % of Route 53
// calls failing still converges; a record deleted behind its back (a DELETE Route 53 refuses)
// makes it list the zone again and carry on; a connected cluster's CLI killed right after
// ExternalDNS left the cluster resumes with the records. Other owners' and hand-made records
// always stay.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ChangeResourceRecordSetsCommand, type Route53Client } from '@aws-sdk/client-route-53';
import { and, eq } from 'drizzle-orm';
import { findResourceType } from '@/sandbox/kube/kube-resources';
import { resourceKey } from '@/sandbox/kube/kube-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import type { Cluster } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv, type VaultKv } from '@/server/cloud/vault';
import { deleteCluster } from '@/server/clusters/delete-cluster';
import { deleteClusterRecords } from '@/server/clusters/delete-cluster-records';
import { deliverPendingClusters } from '@/server/clusters/deliver-pending-clusters';
import { registerCluster } from '@/server/clusters/register-cluster';
import { removeDeletedClusters } from '@/server/clusters/remove-deleted-clusters';
import { CRASH_EXIT_CODE } from '@/server/provisioning/crash-point';
import { BASE_DOMAIN, startProvisioningSandbox } from '../provisioning/provisioning-env';
import { readKubeconfig } from './cluster-sandbox';
import {
  create,
  ownedPairs,
  platformRoute53,
  provisionOrg,
  writeRecords,
  zoneNames,
  type ProvisionedOrg,
} from './cluster-removal-env';

const run = promisify(execFile);
// 300 CNAMEs with their TXT records hold over 32,000 characters of values: two batches or more.
const PAIRS = 300;

describe('deleting a removed cluster’s records under faults', () => {
  let sandbox: Sandbox;
  let dir: string;
  let store: Store;
  let vault: VaultKv;
  let route53: Route53Client;
  let acme: ProvisionedOrg;

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox({
      kube: { clusters: ['acme-prod'], controllerDelayMs: 100, externalDns: false },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-removal-'));
    store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'zk.sqlite') });
    vault = createVaultKv({
      address: sandbox.env.VAULT_ADDR,
      token: sandbox.env.VAULT_TOKEN,
      mount: 'secret',
      timeoutMs: 5000,
    });
    route53 = platformRoute53(sandbox);
    acme = await provisionOrg(store, 'acme');
    await writeRecords(route53, acme.zoneId, [
      ...ownedPairs(acme.zoneName, 'zkc-another-owner', 'other', 20),
      create({
        Name: `hand-made.${acme.zoneName}.`,
        Type: 'A',
        TTL: 60,
        ResourceRecords: [{ Value: '192.0.2.7' }],
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    route53?.destroy();
    await store?.close();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A manual cluster owning PAIRS records with their TXT records, then deleted. */
  async function deletedClusterWithRecords(name: string): Promise<Cluster> {
    const { cluster } = await registerCluster(
      {
        store,
        actor: SYSTEM_ACTOR,
        org: acme.org,
        vault,
        baseDomain: BASE_DOMAIN,
        kubeTimeoutMs: 2000,
      },
      { name, policy: 'sync', connection: { kind: 'manual' } },
    );
    await writeRecords(route53, acme.zoneId, ownedPairs(acme.zoneName, cluster.uid, name, PAIRS));
    await deleteCluster({ store, actor: SYSTEM_ACTOR, org: acme.org }, { name });
    return row(name);
  }
  const row = async (name: string) => {
    const c = store.t.clusters;
    const [found] = await store.db
      .select()
      .from(c)
      .where(and(eq(c.orgId, acme.org.id), eq(c.name, name)));
    return found!;
  };
  const recordsOf = async (label: string) =>
    (await zoneNames(route53, acme.zoneId)).filter((n) => n.includes(`${label}-`));
  const othersStay = async () => {
    expect(await recordsOf('other')).toHaveLength(40);
    expect(await zoneNames(route53, acme.zoneId)).toContain(`hand-made.${acme.zoneName}. A`);
  };
  const changeCalls = () =>
    sandbox.controls.route53.stats.snapshot().operations.ChangeResourceRecordSets ?? {
      calls: 0,
      errors: 0,
    };

  async function zk(args: string[], crashAt = ''): Promise<number> {
    const env = {
      ...process.env,
      ...sandbox.env,
      DATABASE_URL: `file:${path.join(dir, 'zk.sqlite')}`,
      ZK_BASE_DOMAIN: BASE_DOMAIN,
      ZK_CRASH_AT: crashAt,
      // Long enough that a busy machine renews it in time; the second run waits it out after a crash.
      ZK_LEASE_TTL_MS: '5000',
    };
    try {
      await run(
        path.resolve('node_modules/.bin/tsx'),
        ['--conditions=react-server', 'server/cli/main.ts', ...args],
        { env },
      );
      return 0;
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      if (failure.code !== CRASH_EXIT_CODE) console.error(failure.stdout, failure.stderr);
      return failure.code ?? -1;
    }
  }

  it('resumes after a crash right after the first batch and deletes each record once', async () => {
    const cluster = await deletedClusterWithRecords('crashy');
    expect(cluster.removalState).toBe('deleting-records');
    const before = changeCalls();

    expect(await zk(['reconcile'], 'cluster-removal:batch-deleted')).toBe(CRASH_EXIT_CODE);
    const afterCrash = changeCalls();
    expect(afterCrash.calls - before.calls).toBe(1);
    const left = (await recordsOf('crashy')).length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(2 * PAIRS);
    // A batch holds whole pairs: no record lost its TXT record, nor a TXT record its record.
    expect(left % 2).toBe(0);
    expect((await row('crashy')).removalState).toBe('deleting-records');

    expect(await zk(['reconcile'], '')).toBe(0);
    expect(await recordsOf('crashy')).toEqual([]);
    await othersStay();
    const done = await row('crashy');
    expect(done).toMatchObject({ removalState: 'done', removalRecordsFound: 2 * PAIRS });
    // Every call after the crash was a batch of the records that were left, and Route 53 refused
    // none: no DELETE was ever sent for a record already deleted.
    const audit = await store.db
      .select()
      .from(store.t.auditEvents)
      .where(
        and(
          eq(store.t.auditEvents.target, 'crashy'),
          eq(store.t.auditEvents.action, 'cluster.records_deleted'),
        ),
      );
    expect(audit).toHaveLength(1);
    const detail = audit[0]!.detail as { found: number; deleted: number; batches: number };
    expect(detail).toMatchObject({ found: left, deleted: left });
    const end = changeCalls();
    expect(end.calls - afterCrash.calls).toBe(detail.batches);
    expect(end.errors - before.errors).toBe(0);
    expect(done.removalRecordsDeleted).toBe(2 * PAIRS);
  }, 120_000);

  it('converges with 20 % of Route 53 calls failing', async () => {
    await deletedClusterWithRecords('flaky');
    sandbox.controls.route53.faults.set('*', { errorRate: 0.2, errorKind: 'InternalFailure' });
    const injectedBefore = sandbox.controls.route53.stats.snapshot().totals.injectedFaults;
    try {
      let now = new Date();
      for (let pass = 0; pass < 5 && (await row('flaky')).removalState !== 'done'; pass += 1) {
        await removeDeletedClusters(
          store,
          () => ({ vault, actor: SYSTEM_ACTOR, kubeTimeoutMs: 2000 }),
          {
            now,
          },
        );
        now = new Date(now.getTime() + 60_000);
      }
    } finally {
      sandbox.controls.route53.faults.clear();
    }
    expect(sandbox.controls.route53.stats.snapshot().totals.injectedFaults).toBeGreaterThan(
      injectedBefore,
    );
    expect((await row('flaky')).removalState).toBe('done');
    expect(await recordsOf('flaky')).toEqual([]);
    await othersStay();
  }, 120_000);

  it('lists the zone again when Route 53 refuses a DELETE of a record deleted behind its back', async () => {
    const cluster = await deletedClusterWithRecords('moving');
    // moving-9 sorts last, so it is in the last batch, after the first batch has gone.
    const [record, registry] = ownedPairs(acme.zoneName, cluster.uid, 'moving', PAIRS)
      .slice(18, 20)
      .map((change) => ({ ...change, Action: 'DELETE' as const }));
    let removedBehindItsBack = false;
    const progress = await deleteClusterRecords(store, cluster, {
      afterBatch: async () => {
        if (removedBehindItsBack) return;
        removedBehindItsBack = true;
        await route53.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: acme.zoneId,
            ChangeBatch: { Changes: [record!, registry!] },
          }),
        );
      },
    });
    expect(progress).toMatchObject({
      found: 2 * PAIRS,
      deleted: 2 * PAIRS - 2,
      rounds: 2,
      leftOver: 0,
    });
    expect(await recordsOf('moving')).toEqual([]);
    await othersStay();
  }, 120_000);

  it('resumes a connected cluster killed right after ExternalDNS left it (and its kubeconfig Vault)', async () => {
    const { cluster } = await registerCluster(
      {
        store,
        actor: SYSTEM_ACTOR,
        org: acme.org,
        vault,
        baseDomain: BASE_DOMAIN,
        kubeTimeoutMs: 2000,
      },
      {
        name: 'linked',
        policy: 'sync',
        connection: {
          kind: 'kubeconfig',
          kubeconfig: readKubeconfig(sandbox.kube['acme-prod']!.kubeconfigPath),
        },
      },
    );
    const delivered = await deliverPendingClusters(store, () => ({
      store,
      vault,
      actor: SYSTEM_ACTOR,
      baseDomain: BASE_DOMAIN,
      kubeTimeoutMs: 2000,
      rolloutTimeoutMs: 20_000,
    }));
    expect(delivered.map((d) => [d.cluster, d.result.ok])).toEqual([['linked', true]]);
    await writeRecords(route53, acme.zoneId, ownedPairs(acme.zoneName, cluster.uid, 'linked', 10));
    await deleteCluster({ store, actor: SYSTEM_ACTOR, org: acme.org }, { name: 'linked' });
    const deployments = resourceKey(findResourceType('apps', 'v1', 'deployments')!);
    const kube = sandbox.kube['acme-prod']!.store;
    expect(kube.get(deployments, 'external-dns', 'external-dns')).toBeDefined();

    expect(await zk(['reconcile'], 'cluster-removal:externaldns-removed')).toBe(CRASH_EXIT_CODE);
    expect(kube.get(deployments, 'external-dns', 'external-dns')).toBeUndefined();
    expect(await vault.readSecret(cluster.kubeconfigVaultPath!)).toBeNull();
    expect((await row('linked')).removalState).toBe('removing-externaldns');
    expect(await recordsOf('linked')).toHaveLength(20);

    expect(await zk(['reconcile'], '')).toBe(0);
    expect(await row('linked')).toMatchObject({
      removalState: 'done',
      removalRecordsDeleted: 20,
      removalError: null,
    });
    expect(await recordsOf('linked')).toEqual([]);
    await othersStay();
  }, 120_000);
});
